package dev.s3notifications.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.authorization.PolicyStatement.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may do what to a bucket owned by 111111111111, with and without a bucket policy. */
class BucketAccessDecisionTest {
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";
    private static final String THIRD = "333333333333";
    private static final String BUCKET_ARN = "arn:aws:s3:::photos";

    private static final Caller OWNER_ROOT = Caller.accountRoot(OWNER);
    private static final Caller OWNER_USER = new Caller(OWNER, "arn:aws:iam::" + OWNER + ":user/alice", "AKIAOWNERUSER");
    private static final Caller OTHER_ROOT = Caller.accountRoot(OTHER);
    private static final Caller OTHER_BOB = new Caller(OTHER, "arn:aws:iam::" + OTHER + ":user/bob", "AKIABOB");
    private static final Caller OTHER_CAROL = new Caller(OTHER, "arn:aws:iam::" + OTHER + ":user/carol", "AKIACAROL");
    private static final Caller THIRD_ROOT = Caller.accountRoot(THIRD);

    private static PolicyStatement statement(Effect effect, PolicyPrincipals principals, List<String> actions,
            List<String> resources) {
        return new PolicyStatement(null, effect, principals, false, actions, false, resources, false, false);
    }

    private static PolicyPrincipals accounts(String... ids) {
        return new PolicyPrincipals(false, Set.of(ids), Set.of());
    }

    private static PolicyPrincipals arns(String... arns) {
        return new PolicyPrincipals(false, Set.of(), Set.of(arns));
    }

    private static final PolicyPrincipals EVERYONE = new PolicyPrincipals(true, Set.of(), Set.of());

    private static BucketPolicy policy(PolicyStatement... statements) {
        return new BucketPolicy(List.of(statements));
    }

    private static final BucketPolicy GRANT_NOTIFICATIONS_TO_OTHER = policy(statement(Effect.ALLOW, accounts(OTHER),
            List.of("s3:GetBucketNotification", "s3:PutBucketNotification"), List.of(BUCKET_ARN)));

    static Stream<Arguments> decisions() {
        List<Arguments> rows = new ArrayList<>();
        rows.add(Arguments.of("owner without policy", OWNER_ROOT, BucketAction.PUT_BUCKET_NOTIFICATION, null,
                BucketAccessDecision.OWNER));
        rows.add(Arguments.of("owner account's user without policy", OWNER_USER, BucketAction.DELETE_BUCKET, null,
                BucketAccessDecision.OWNER));
        rows.add(Arguments.of("other account without policy", OTHER_ROOT, BucketAction.GET_BUCKET_NOTIFICATION, null,
                BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("other account granted by account id", OTHER_BOB, BucketAction.GET_BUCKET_NOTIFICATION,
                GRANT_NOTIFICATIONS_TO_OTHER, BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("grant covers only the actions it names", OTHER_ROOT, BucketAction.DELETE_BUCKET,
                GRANT_NOTIFICATIONS_TO_OTHER, BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("grant to one account is not a grant to another", THIRD_ROOT,
                BucketAction.GET_BUCKET_NOTIFICATION, GRANT_NOTIFICATIONS_TO_OTHER, BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("grant to a user ARN", OTHER_BOB, BucketAction.PUT_BUCKET_NOTIFICATION,
                policy(statement(Effect.ALLOW, arns(OTHER_BOB.principalArn()), List.of("s3:PutBucketNotification"),
                        List.of(BUCKET_ARN))), BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("grant to a user ARN is not a grant to the account's other users", OTHER_CAROL,
                BucketAction.PUT_BUCKET_NOTIFICATION, policy(statement(Effect.ALLOW, arns(OTHER_BOB.principalArn()),
                        List.of("s3:PutBucketNotification"), List.of(BUCKET_ARN))), BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("wildcard action s3:*", OTHER_ROOT, BucketAction.PUT_BUCKET_NOTIFICATION,
                policy(statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"), List.of(BUCKET_ARN))),
                BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("wildcard action s3:Get* does not cover a Put", OTHER_ROOT,
                BucketAction.PUT_BUCKET_NOTIFICATION, policy(statement(Effect.ALLOW, accounts(OTHER), List.of("s3:Get*"),
                        List.of(BUCKET_ARN))), BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("object resources do not cover the bucket", OTHER_ROOT,
                BucketAction.GET_BUCKET_NOTIFICATION, policy(statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"),
                        List.of(BUCKET_ARN + "/*"))), BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("principal * grants every account", THIRD_ROOT, BucketAction.GET_BUCKET_NOTIFICATION,
                policy(statement(Effect.ALLOW, EVERYONE, List.of("s3:GetBucketNotification"), List.of("*"))),
                BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("explicit deny wins over an allow", OTHER_BOB, BucketAction.PUT_BUCKET_NOTIFICATION,
                policy(statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"), List.of(BUCKET_ARN)),
                        statement(Effect.DENY, arns(OTHER_BOB.principalArn()), List.of("s3:PutBucketNotification"),
                                List.of(BUCKET_ARN))), BucketAccessDecision.DENIED_BY_POLICY));
        rows.add(Arguments.of("explicit deny applies to the owner too", OWNER_USER, BucketAction.PUT_BUCKET_NOTIFICATION,
                policy(statement(Effect.DENY, EVERYONE, List.of("s3:PutBucketNotification"), List.of(BUCKET_ARN))),
                BucketAccessDecision.DENIED_BY_POLICY));
        rows.add(Arguments.of("the owner's root keeps the policy operations despite a deny", OWNER_ROOT,
                BucketAction.PUT_BUCKET_POLICY, policy(statement(Effect.DENY, EVERYONE, List.of("s3:*"),
                        List.of(BUCKET_ARN))), BucketAccessDecision.OWNER));
        rows.add(Arguments.of("but not the notification operations", OWNER_ROOT, BucketAction.GET_BUCKET_NOTIFICATION,
                policy(statement(Effect.DENY, EVERYONE, List.of("s3:*"), List.of(BUCKET_ARN))),
                BucketAccessDecision.DENIED_BY_POLICY));
        rows.add(Arguments.of("the owner's users do not keep the policy operations", OWNER_USER,
                BucketAction.DELETE_BUCKET_POLICY, policy(statement(Effect.DENY, EVERYONE, List.of("s3:*"),
                        List.of(BUCKET_ARN))), BucketAccessDecision.DENIED_BY_POLICY));
        rows.add(Arguments.of("another account granted a policy operation gets 405", OTHER_ROOT,
                BucketAction.GET_BUCKET_POLICY, policy(statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"),
                        List.of(BUCKET_ARN))), BucketAccessDecision.OWNER_ACCOUNT_ONLY));
        rows.add(Arguments.of("NotPrincipal deny spares the principals it names", OTHER_BOB,
                BucketAction.GET_BUCKET_NOTIFICATION, policy(
                        statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"), List.of(BUCKET_ARN)),
                        new PolicyStatement(null, Effect.DENY, arns(OTHER_BOB.principalArn()), true, List.of("s3:*"),
                                false, List.of(BUCKET_ARN), false, false)), BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("NotPrincipal deny hits everyone else", OTHER_CAROL,
                BucketAction.GET_BUCKET_NOTIFICATION, policy(
                        statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"), List.of(BUCKET_ARN)),
                        new PolicyStatement(null, Effect.DENY, arns(OTHER_BOB.principalArn()), true, List.of("s3:*"),
                                false, List.of(BUCKET_ARN), false, false)), BucketAccessDecision.DENIED_BY_POLICY));
        rows.add(Arguments.of("NotAction allows everything but what it names", OTHER_ROOT,
                BucketAction.GET_BUCKET_NOTIFICATION, policy(new PolicyStatement(null, Effect.ALLOW, accounts(OTHER),
                        false, List.of("s3:Put*"), true, List.of(BUCKET_ARN), false, false)), BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("NotAction does not allow what it names", OTHER_ROOT,
                BucketAction.PUT_BUCKET_NOTIFICATION, policy(new PolicyStatement(null, Effect.ALLOW, accounts(OTHER),
                        false, List.of("s3:Put*"), true, List.of(BUCKET_ARN), false, false)),
                BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("NotResource applies to other resources only", OTHER_ROOT,
                BucketAction.GET_BUCKET_NOTIFICATION, policy(new PolicyStatement(null, Effect.ALLOW, accounts(OTHER),
                        false, List.of("s3:*"), false, List.of(BUCKET_ARN + "/*"), true, false)),
                BucketAccessDecision.GRANTED));
        rows.add(Arguments.of("a conditional allow never grants", OTHER_ROOT, BucketAction.GET_BUCKET_NOTIFICATION,
                policy(new PolicyStatement(null, Effect.ALLOW, accounts(OTHER), false, List.of("s3:*"), false,
                        List.of(BUCKET_ARN), false, true)), BucketAccessDecision.NOT_GRANTED));
        rows.add(Arguments.of("a conditional deny always denies", OTHER_ROOT, BucketAction.GET_BUCKET_NOTIFICATION,
                policy(statement(Effect.ALLOW, accounts(OTHER), List.of("s3:*"), List.of(BUCKET_ARN)),
                        new PolicyStatement(null, Effect.DENY, EVERYONE, false, List.of("s3:*"), false,
                                List.of(BUCKET_ARN), false, true)), BucketAccessDecision.DENIED_BY_POLICY));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, Caller caller, BucketAction action, BucketPolicy policy, BucketAccessDecision expected) {
        BucketAccessDecision decision = BucketAccessDecision.decide(caller, action, OWNER, BUCKET_ARN, policy);
        assertThat(decision).isEqualTo(expected);
        assertThat(decision.allowed()).isEqualTo(expected == BucketAccessDecision.OWNER || expected == BucketAccessDecision.GRANTED);
    }
}
