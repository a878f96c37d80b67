package dev.s3notifications.wiring;

import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.CachedAccessKeyStore;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.domain.AccessKeyStore;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.DestinationVerifier;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.event.BucketNotificationsCache;
import dev.s3notifications.event.NotificationPublisher;
import dev.s3notifications.event.ObjectEventFanOut;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.sns.SnsDestinationVerifier;
import dev.s3notifications.sns.SnsNotificationPublisher;
import dev.s3notifications.xml.S3Documents;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The composition root: builds each function's collaborators once, from {@link Settings}. */
public final class Wiring {
    private Wiring() {
    }

    public static S3Api api(Settings settings) {
        return apiFunction(settings).api();
    }

    /** The API function's parts: the API, and the destination verifier and bucket store it uses (priming calls them). */
    public record ApiFunction(S3Api api, DestinationVerifier destinationVerifier, BucketStore store) {
    }

    public static ApiFunction apiFunction(Settings settings) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        return apiFunction(settings, new DynamoDbBucketStore(dynamoDb, settings.bucketsTable()),
                new DynamoDbAccessKeyStore(dynamoDb, settings.accessKeysTable()));
    }

    /** The same over the stores given (the local stack's in-memory ones, which its fan-out function shares). */
    public static ApiFunction apiFunction(Settings settings, BucketStore store, AccessKeyStore keys) {
        SnsDestinationVerifier verifier = new SnsDestinationVerifier(AwsClients.sns(settings));
        return new ApiFunction(api(settings, store, keys, verifier, S3Documents.streaming()), verifier, store);
    }

    /**
     * The same, with the SDK clients and the XML documents' writer given (the cold-start benchmark's baseline builds
     * its clients out of the box and writes with Jackson's XmlMapper).
     */
    public static S3Api api(Settings settings, DynamoDbClient dynamoDb, SnsClient sns, S3Documents documents) {
        return api(settings, new DynamoDbBucketStore(dynamoDb, settings.bucketsTable()),
                new DynamoDbAccessKeyStore(dynamoDb, settings.accessKeysTable()), new SnsDestinationVerifier(sns), documents);
    }

    private static S3Api api(Settings settings, BucketStore store, AccessKeyStore keyStore, DestinationVerifier verifier,
            S3Documents documents) {
        var limits = new NotificationConfigurationValidator.Limits(settings.maxConfigurations(),
                NotificationConfigurationValidator.Limits.S3.maxFilterValueLength(),
                NotificationConfigurationValidator.Limits.S3.maxIdLength());
        if (settings.unsignedRequestsAccountId() != null) {
            JsonLog.warn("unsigned requests are trusted", "accountId", settings.unsignedRequestsAccountId(),
                    "setting", "UNSIGNED_REQUESTS_ACCOUNT_ID");
        }
        var keys = new CachedAccessKeyStore(keyStore, settings.accessKeyCacheTtl());
        return new S3Api(
                new S3RequestAuthenticator(keys, settings.region(), Clock.systemUTC(), settings.unsignedRequestsAccountId()),
                store,
                new NotificationConfigurationValidator(limits, NotificationConfigurationValidator::generateId),
                verifier,
                settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC(), documents);
    }

    /** The fan-out function's collaborators, built once per container so the configuration cache outlives invocations. */
    public static ObjectEventFanOut fanOut(Settings settings) {
        return fanOutFunction(settings).fanOut();
    }

    /** The fan-out function's parts: the fan-out, and the store and publisher it uses (priming calls them too). */
    public record FanOutFunction(ObjectEventFanOut fanOut, BucketStore store, NotificationPublisher publisher) {
    }

    public static FanOutFunction fanOutFunction(Settings settings) {
        return fanOutFunction(settings, new DynamoDbBucketStore(AwsClients.dynamoDb(settings), settings.bucketsTable()));
    }

    /** The same over the bucket store given (the local stack's in-memory one, which its API function shares). */
    public static FanOutFunction fanOutFunction(Settings settings, BucketStore store) {
        NotificationPublisher publisher = new SnsNotificationPublisher(AwsClients.sns(settings));
        return new FanOutFunction(fanOut(settings, store, publisher), store, publisher);
    }

    public static ObjectEventFanOut fanOut(Settings settings, BucketStore store, NotificationPublisher publisher) {
        return new ObjectEventFanOut(new ObjectEventJson(),
                new BucketNotificationsCache(store, settings.configurationCacheTtl(), System::nanoTime), publisher);
    }

    /** The same, with the SDK clients given (tests and the benchmark count their calls). */
    public static ObjectEventFanOut fanOut(Settings settings, DynamoDbClient dynamoDb, SnsClient sns) {
        return fanOut(settings, new DynamoDbBucketStore(dynamoDb, settings.bucketsTable()), new SnsNotificationPublisher(sns));
    }
}
