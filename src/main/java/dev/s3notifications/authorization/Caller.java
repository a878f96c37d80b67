package dev.s3notifications.authorization;

import java.util.Objects;

/**
 * Who sent a request, as its signature proved: the AWS account the caller acts for, the principal (an IAM ARN) its
 * access key belongs to, and that access key's id (null when the request was trusted without a signature).
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html">Principals</a>
 */
public record Caller(String accountId, String principalArn, String accessKeyId) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principalArn, "principalArn");
    }

    /** The account itself, {@code arn:aws:iam::<account>:root}. */
    public static Caller accountRoot(String accountId) {
        return new Caller(accountId, rootArn(accountId), null);
    }

    public static String rootArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":root";
    }

    /** Whether this caller is the account's root user, which S3 never locks out of its own bucket's policy. */
    public boolean isAccountRoot() {
        return principalArn.equals(rootArn(accountId));
    }
}
