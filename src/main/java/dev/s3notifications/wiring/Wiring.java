package dev.s3notifications.wiring;

import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.CachedAccessKeyStore;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.sns.SnsDestinationVerifier;
import java.time.Clock;

/** The composition root: builds each function's collaborators once, from {@link Settings}. */
public final class Wiring {
    private Wiring() {
    }

    public static S3Api api(Settings settings) {
        var limits = new NotificationConfigurationValidator.Limits(settings.maxConfigurations(),
                NotificationConfigurationValidator.Limits.S3.maxFilterValueLength(),
                NotificationConfigurationValidator.Limits.S3.maxIdLength());
        var dynamoDb = AwsClients.dynamoDb(settings);
        if (settings.unsignedRequestsAccountId() != null) {
            JsonLog.warn("unsigned requests are trusted", "accountId", settings.unsignedRequestsAccountId(),
                    "setting", "UNSIGNED_REQUESTS_ACCOUNT_ID");
        }
        var keys = new CachedAccessKeyStore(new DynamoDbAccessKeyStore(dynamoDb, settings.accessKeysTable()),
                settings.accessKeyCacheTtl());
        return new S3Api(
                new S3RequestAuthenticator(keys, settings.region(), Clock.systemUTC(), settings.unsignedRequestsAccountId()),
                new DynamoDbBucketStore(dynamoDb, settings.bucketsTable()),
                new NotificationConfigurationValidator(limits, NotificationConfigurationValidator::generateId),
                new SnsDestinationVerifier(AwsClients.sns(settings)),
                settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC());
    }
}
