package dev.s3notifications.wiring;

import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.CachedAccessKeyStore;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.event.BucketNotificationsCache;
import dev.s3notifications.event.ObjectEventFanOut;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.sns.SnsDestinationVerifier;
import dev.s3notifications.sns.SnsNotificationPublisher;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

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

    /** The fan-out function's collaborators, built once per container so the configuration cache outlives invocations. */
    public static ObjectEventFanOut fanOut(Settings settings) {
        return fanOut(settings, AwsClients.dynamoDb(settings), AwsClients.sns(settings));
    }

    /** The same, with the SDK clients given (tests and the benchmark count their calls). */
    public static ObjectEventFanOut fanOut(Settings settings, DynamoDbClient dynamoDb, SnsClient sns) {
        return new ObjectEventFanOut(new ObjectEventJson(),
                new BucketNotificationsCache(new DynamoDbBucketStore(dynamoDb, settings.bucketsTable()),
                        settings.configurationCacheTtl(), System::nanoTime),
                new SnsNotificationPublisher(sns));
    }
}
