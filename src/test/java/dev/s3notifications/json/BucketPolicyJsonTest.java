package dev.s3notifications.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.authorization.BucketPolicy;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.authorization.MalformedPolicyException;
import dev.s3notifications.authorization.PolicyDecision;
import dev.s3notifications.authorization.PolicyStatement;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading PutBucketPolicy bodies for bucket "photos": what S3 refuses, with its message, and what it stores. */
class BucketPolicyJsonTest {
    private static final String BUCKET = "photos";

    private static BucketPolicyJson.Document read(String json) {
        return BucketPolicyJson.read(json.getBytes(StandardCharsets.UTF_8), BUCKET);
    }

    private static String statement(String body) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + body + "]}";
    }

    private static final String GRANT = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"210987654321\"},"
            + "\"Action\":[\"s3:GetBucketNotification\",\"s3:PutBucketNotification\"],\"Resource\":\"arn:aws:s3:::photos\"}";

    @Test
    void storesTheDocumentCompactWithAccountIdsAsRootArnsAndOrderKept() {
        String sent = """
                {
                  "Version": "2012-10-17",
                  "Id": "grants",
                  "Statement": [
                    {
                      "Sid": "Notifications",
                      "Effect": "Allow",
                      "Principal": {"AWS": ["210987654321", "arn:aws:iam::333333333333:user/bob"]},
                      "Action": "s3:GetBucketNotification",
                      "Resource": "arn:aws:s3:::photos"
                    },
                    {"Effect": "Deny", "Principal": {"AWS": "444444444444"}, "Action": "s3:*", "Resource": "*"}
                  ]
                }
                """;

        BucketPolicyJson.Document document = read(sent);

        assertThat(document.storedText()).isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":\"grants\",\"Statement\":["
                + "{\"Sid\":\"Notifications\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::210987654321:root\","
                + "\"arn:aws:iam::333333333333:user/bob\"]},\"Action\":\"s3:GetBucketNotification\","
                + "\"Resource\":\"arn:aws:s3:::photos\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::444444444444:root\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        PolicyStatement first = document.policy().statements().get(0);
        assertThat(first.sid()).isEqualTo("Notifications");
        assertThat(first.effect()).isEqualTo(PolicyStatement.Effect.ALLOW);
        assertThat(first.principals().accounts()).containsExactly("210987654321");
        assertThat(first.principals().arns()).containsExactly("arn:aws:iam::333333333333:user/bob");
        assertThat(document.policy().statements().get(1).principals().accounts()).containsExactly("444444444444");
    }

    @Test
    void theStoredFormReadsBackToTheSamePolicyAndStaysTheSame() {
        BucketPolicyJson.Document document = read(statement(GRANT));
        BucketPolicy again = BucketPolicyJson.readStored(document.storedText(), BUCKET);
        assertThat(again).isEqualTo(document.policy());
        assertThat(read(document.storedText()).storedText()).isEqualTo(document.storedText());
    }

    @Test
    void aRootArnPrincipalIsTheAccountAndStarIsEveryone() {
        BucketPolicy policy = read(statement("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::210987654321:root\"},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::photos\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetBucketLocation\",\"Resource\":\"arn:aws:s3:::photos\"}"))
                .policy();
        Caller bob = new Caller("210987654321", "arn:aws:iam::210987654321:user/bob", "AKIABOB");
        Caller anyone = Caller.accountRoot("999999999999");
        assertThat(policy.evaluate(bob, "s3:PutBucketNotification", "arn:aws:s3:::photos")).isEqualTo(PolicyDecision.ALLOW);
        assertThat(policy.evaluate(anyone, "s3:GetBucketLocation", "arn:aws:s3:::photos")).isEqualTo(PolicyDecision.ALLOW);
        assertThat(policy.evaluate(anyone, "s3:PutBucketNotification", "arn:aws:s3:::photos"))
                .isEqualTo(PolicyDecision.IMPLICIT_DENY);
    }

    @Test
    void keepsConditionsServicePrincipalsAndNegatedElements() {
        BucketPolicyJson.Document document = read(statement("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"210987654321\","
                + "\"Service\":\"cloudtrail.amazonaws.com\"},\"NotAction\":\"s3:Get*\",\"NotResource\":\"arn:aws:s3:::photos/*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"));
        PolicyStatement statement = document.policy().statements().get(0);
        assertThat(statement.notPrincipal()).isTrue();
        assertThat(statement.notAction()).isTrue();
        assertThat(statement.notResource()).isTrue();
        assertThat(statement.conditional()).isTrue();
        assertThat(statement.principals().accounts()).containsExactly("210987654321");
        assertThat(document.storedText()).contains("\"Service\":\"cloudtrail.amazonaws.com\"")
                .contains("\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}");
    }

    @Test
    void acceptsAVersionlessDocumentAStatementObjectAndLeadingWhiteSpace() {
        BucketPolicy policy = read("\n  {\"Statement\":" + GRANT + "}").policy();
        assertThat(policy.statements()).hasSize(1);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty body", "", "Policies must be valid JSON and the first byte must be '{'"),
                Arguments.of("not an object", "[" + GRANT + "]", "Policies must be valid JSON and the first byte must be '{'"),
                Arguments.of("not JSON", "{\"Statement\": [", "This policy contains invalid Json"),
                Arguments.of("trailing content", statement(GRANT) + " {}", "This policy contains invalid Json"),
                Arguments.of("duplicate element", "{\"Statement\":[" + GRANT + "],\"Statement\":[]}",
                        "This policy contains invalid Json"),
                Arguments.of("no Statement", "{\"Version\":\"2012-10-17\"}", "Missing required field Statement"),
                Arguments.of("empty Statement", statement(""), "Could not parse the policy: Statement is empty!"),
                Arguments.of("unknown version", "{\"Version\":\"2020-01-01\",\"Statement\":[" + GRANT + "]}",
                        "The policy must contain a valid version string"),
                Arguments.of("unknown document element", "{\"Statment\":[" + GRANT + "]}", "Unknown field Statment"),
                Arguments.of("unknown statement element", statement(GRANT.replace("\"Effect\"", "\"Effekt\"")),
                        "Unknown field Effekt"),
                Arguments.of("no Effect", statement(GRANT.replace("\"Effect\":\"Allow\",", "")), "Missing required field Effect"),
                Arguments.of("bad Effect", statement(GRANT.replace("Allow", "Permit")), "Invalid effect: Permit"),
                Arguments.of("no Principal", statement(GRANT.replace("\"Principal\":{\"AWS\":\"210987654321\"},", "")),
                        "Missing required field Principal"),
                Arguments.of("Principal and NotPrincipal", statement(GRANT.replace("\"Principal\"",
                        "\"NotPrincipal\":\"*\",\"Principal\"")), "Statement cannot have both Principal and NotPrincipal"),
                Arguments.of("no Action", statement(GRANT.replace(
                        "\"Action\":[\"s3:GetBucketNotification\",\"s3:PutBucketNotification\"],", "")),
                        "Missing required field Action"),
                Arguments.of("no Resource", statement(GRANT.replace(",\"Resource\":\"arn:aws:s3:::photos\"", "")),
                        "Missing required field Resource"),
                Arguments.of("principal string other than *", statement(GRANT.replace("{\"AWS\":\"210987654321\"}",
                        "\"210987654321\"")), "Invalid principal in policy"),
                Arguments.of("principal of an unknown type", statement(GRANT.replace("\"AWS\"", "\"Amazon\"")),
                        "Invalid principal in policy"),
                Arguments.of("principal that is no account or IAM ARN", statement(GRANT.replace("210987654321", "bob")),
                        "Invalid principal in policy"),
                Arguments.of("another service's action", statement(GRANT.replace("s3:GetBucketNotification",
                        "sqs:SendMessage")), "Policy has invalid action"),
                Arguments.of("another bucket", statement(GRANT.replace("arn:aws:s3:::photos", "arn:aws:s3:::videos")),
                        "Policy has invalid resource"),
                Arguments.of("another bucket's objects", statement(GRANT.replace("arn:aws:s3:::photos",
                        "arn:aws:s3:::videos/*")), "Policy has invalid resource"),
                Arguments.of("not an S3 ARN", statement(GRANT.replace("arn:aws:s3:::photos",
                        "arn:aws:sns:us-east-1:123456789012:photos")), "Policy has invalid resource"),
                Arguments.of("a number where a string belongs", statement(GRANT.replace("\"s3:GetBucketNotification\"", "7")),
                        "This policy contains invalid Json"),
                Arguments.of("over 20 KB", statement(GRANT.replace("\"Effect\"", "\"Sid\":\"" + "x".repeat(20 * 1024)
                        + "\",\"Effect\"")), "Policy exceeds the maximum allowed document size."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithS3sMessage(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(MalformedPolicyException.class).hasMessage(message);
    }

    @Test
    void wildcardResourcesMayNameThisBucket() {
        for (String resource : Set.of("arn:aws:s3:::*", "arn:aws:s3:::pho*", "arn:aws:s3:::photos/*", "arn:aws:s3:::ph?tos")) {
            assertThat(read(statement(GRANT.replace("arn:aws:s3:::photos", resource))).policy().statements()).hasSize(1);
        }
    }
}
