package dev.s3notifications.store;

import java.util.Objects;

/**
 * An access key pair and whom it belongs to. {@link #toString()} leaves the secret out, so the key can be logged.
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html">Access keys</a>
 *
 * @param accessKeyId     the public half, sent with every request ({@code AKIA...})
 * @param secretAccessKey the private half, which signs requests; never logged
 * @param accountId       the 12-digit account the key acts for
 * @param principalArn    the identity it belongs to, e.g. {@code arn:aws:iam::123456789012:user/alice} or the
 *                        account's root
 * @param enabled         a disabled key is refused as if it did not exist, as IAM does with inactive keys
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String accountId, String principalArn, boolean enabled) {

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principalArn, "principalArn");
    }

    @Override
    public String toString() {
        return "AccessKey[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", principalArn=" + principalArn
                + ", enabled=" + enabled + "]";
    }
}
