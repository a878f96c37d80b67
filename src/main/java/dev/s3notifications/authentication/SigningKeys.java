package dev.s3notifications.authentication;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyStore;
import java.util.Optional;

/** The access key a request names, if it exists and is enabled; else S3's {@code InvalidAccessKeyId}. */
final class SigningKeys {
    private final AccessKeyStore store;

    SigningKeys(AccessKeyStore store) {
        this.store = store;
    }

    /** A disabled key is answered as an unknown one, as IAM's inactive keys are. */
    AccessKey require(String accessKeyId) {
        Optional<AccessKey> key = accessKeyId.isEmpty() ? Optional.empty() : store.find(accessKeyId);
        if (key.isPresent() && key.get().enabled()) {
            return key.get();
        }
        throw new AuthenticationFailure(S3Exception.withDetails(S3Error.INVALID_ACCESS_KEY_ID,
                S3Error.INVALID_ACCESS_KEY_ID.defaultMessage(), "AWSAccessKeyId", accessKeyId),
                accessKeyId, key.isPresent() ? "access key disabled" : "unknown access key");
    }

    static Caller callerOf(AccessKey key) {
        return new Caller(key.accountId(), key.principalArn(), key.accessKeyId());
    }
}
