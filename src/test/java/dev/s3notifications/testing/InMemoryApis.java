package dev.s3notifications.testing;

import dev.s3notifications.api.NotificationHealth;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.AccessKeyStore;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.wiring.Settings;
import java.time.Clock;

/** The API as wired in Lambda, over the stores and destination verifier a test gives it. */
public final class InMemoryApis {
    private InMemoryApis() {
    }

    /** @param keys the access keys requests may be signed with */
    public static S3Api api(BucketStore store, AccessKeyStore keys, DestinationVerifier verifier, Settings settings) {
        var limits = new NotificationConfigurationValidator.Limits(settings.maxConfigurations(),
                NotificationConfigurationValidator.Limits.S3.maxFilterValueLength(),
                NotificationConfigurationValidator.Limits.S3.maxIdLength());
        return new S3Api(new S3RequestAuthenticator(keys, settings.region(), Clock.systemUTC(), null), store,
                new NotificationConfigurationValidator(limits, NotificationConfigurationValidator::generateId),
                verifier, settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC(), NotificationHealth.NONE);
    }
}
