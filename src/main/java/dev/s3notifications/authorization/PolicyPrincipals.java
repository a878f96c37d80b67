package dev.s3notifications.authorization;

import java.util.Set;

/**
 * The AWS principals a statement names. An account (its id or {@code arn:aws:iam::<id>:root}) stands for every
 * identity of that account: there are no IAM identity policies here to narrow it down, so every key of the account
 * is covered. A user or role ARN names exactly the key owners with that ARN. Service, canonical-user and federated
 * principals are accepted in policies but name none of our callers.
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html">Principal</a>
 *
 * @param everyone {@code "*"} or {@code {"AWS": "*"}}: every caller with a valid key, of any account (anonymous
 *                 requests are refused before any policy is read)
 * @param accounts account ids, from bare ids and root ARNs
 * @param arns     user, role and assumed-role ARNs
 */
public record PolicyPrincipals(boolean everyone, Set<String> accounts, Set<String> arns) {

    public PolicyPrincipals {
        accounts = Set.copyOf(accounts);
        arns = Set.copyOf(arns);
    }

    public boolean include(Caller caller) {
        return everyone || accounts.contains(caller.accountId()) || arns.contains(caller.principalArn());
    }
}
