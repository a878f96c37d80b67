package dev.s3notifications.wiring;

import dev.s3notifications.api.NotificationHealth;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.CachedAccessKeyStore;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbDeliveryLog;
import dev.s3notifications.dynamodb.DynamoDbDestinationHealthLog;
import dev.s3notifications.eventbridge.EventBridgePublisher;
import dev.s3notifications.fanout.BucketNotificationsCache;
import dev.s3notifications.fanout.DeliveryListener;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.fanout.FanOut;
import dev.s3notifications.fanout.FanOutMetrics;
import dev.s3notifications.fanout.HealthTracker;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.NotificationRouter;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.lambda.LambdaDestinationVerifier;
import dev.s3notifications.lambda.LambdaNotificationPublisher;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.DestinationVerifiers;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.sns.SnsDestinationVerifier;
import dev.s3notifications.sns.SnsNotificationPublisher;
import dev.s3notifications.sqs.SqsDestinationVerifier;
import dev.s3notifications.sqs.SqsNotificationPublisher;
import dev.s3notifications.store.AccessKeyStore;
import dev.s3notifications.store.BucketStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The composition root: builds each function's collaborators once, from {@link Settings}. */
public final class Wiring {
    private Wiring() {
    }

    /**
     * Where the functions keep what they know: buckets and their configurations, access keys, what the fan-out
     * delivered of messages that failed in part, and the destinations' health. DynamoDB on AWS; the local stack's
     * in-memory stores, shared by its two functions, otherwise.
     */
    public record Stores(BucketStore buckets, AccessKeyStore accessKeys, DeliveryLog deliveryLog, DestinationHealthLog health) {

        /** The tables the settings name, through one DynamoDB client. */
        public static Stores dynamoDb(Settings settings, DynamoDbClient dynamoDb) {
            String deliveries = settings.delivery().deliveriesTable();
            return new Stores(new DynamoDbBucketStore(dynamoDb, settings.bucketsTable()),
                    new DynamoDbAccessKeyStore(dynamoDb, settings.accessKeysTable()),
                    new DynamoDbDeliveryLog(dynamoDb, deliveries, Clock.systemUTC()),
                    new DynamoDbDestinationHealthLog(dynamoDb, deliveries, Clock.systemUTC()));
        }
    }

    public static S3Api api(Settings settings) {
        return apiFunction(settings).api();
    }

    /** The API function's parts: the API, and the destination verifier and bucket store it uses (priming calls them). */
    public record ApiFunction(S3Api api, DestinationVerifier destinationVerifier, BucketStore store) {
    }

    /** The API function over DynamoDB. */
    public static ApiFunction apiFunction(Settings settings) {
        return overDynamoDb(settings, (stores, sns) -> apiFunction(settings, stores, sns));
    }

    /** The same over the stores given (the local stack's in-memory ones, which its fan-out function shares). */
    public static ApiFunction apiFunction(Settings settings, Stores stores) {
        return apiFunction(settings, stores, AwsClients.sns(settings));
    }

    private static ApiFunction apiFunction(Settings settings, Stores stores, SnsClient sns) {
        DestinationVerifier verifier = destinationVerifier(settings, sns);
        return new ApiFunction(api(settings, stores, verifier), verifier, stores.buckets());
    }

    /**
     * Each kind of destination checked as S3 checks it. The SNS client is built at once (every PUT that names a topic
     * needs it, and priming warms it); the SQS and Lambda clients when a configuration first names a queue or function.
     */
    private static DestinationVerifier destinationVerifier(Settings settings, SnsClient sns) {
        Lazy<DestinationVerifier> queues = Lazy.of(() -> new SqsDestinationVerifier(AwsClients.sqs(settings)));
        Lazy<DestinationVerifier> functions = Lazy.of(() -> new LambdaDestinationVerifier(AwsClients.lambda(settings)));
        return new DestinationVerifiers(Map.of(
                DestinationType.TOPIC, new SnsDestinationVerifier(sns),
                DestinationType.QUEUE, (destinations, testMessage) -> queues.get().verify(destinations, testMessage),
                DestinationType.FUNCTION, (destinations, testMessage) -> functions.get().verify(destinations, testMessage)));
    }

    private static S3Api api(Settings settings, Stores stores, DestinationVerifier verifier) {
        var limits = new NotificationConfigurationValidator.Limits(settings.maxConfigurations(),
                NotificationConfigurationValidator.Limits.S3.maxFilterValueLength(),
                NotificationConfigurationValidator.Limits.S3.maxIdLength());
        if (settings.unsignedRequestsAccountId() != null) {
            JsonLog.warn("unsigned requests are trusted", "accountId", settings.unsignedRequestsAccountId(),
                    "setting", "UNSIGNED_REQUESTS_ACCOUNT_ID");
        }
        var keys = new CachedAccessKeyStore(stores.accessKeys(), settings.accessKeyCacheTtl());
        return new S3Api(
                new S3RequestAuthenticator(keys, settings.region(), Clock.systemUTC(), settings.unsignedRequestsAccountId()),
                stores.buckets(),
                new NotificationConfigurationValidator(limits, NotificationConfigurationValidator::generateId),
                verifier,
                settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC(),
                new NotificationHealth(stores.health(), eventBus(settings)));
    }

    private static Destination eventBus(Settings settings) {
        return new Destination(Destination.Kind.EVENT_BUS, settings.delivery().eventBus());
    }

    /**
     * The fan-out function's parts: the fan-out, and the store, publisher and health log it uses (priming calls them
     * too).
     */
    public record FanOutFunction(FanOut fanOut, BucketStore store, NotificationPublisher publisher,
            DestinationHealthLog health) {
    }

    /** The fan-out function over DynamoDB. */
    public static FanOutFunction fanOutFunction(Settings settings) {
        return overDynamoDb(settings, (stores, sns) -> fanOutFunction(settings, stores, sns));
    }

    /**
     * A function over the DynamoDB stores and an SNS client, the SNS client built on a second thread while this one
     * builds DynamoDB's, where that overlaps ({@link InitThread}).
     */
    private static <F> F overDynamoDb(Settings settings, BiFunction<Stores, SnsClient, F> function) {
        InitThread<SnsClient> sns = InitThread.start("sns-client", () -> AwsClients.sns(settings));
        Stores stores = Stores.dynamoDb(settings, AwsClients.dynamoDb(settings));
        return function.apply(stores, sns.join());
    }

    /** The same over the stores given (the local stack's in-memory ones, which its API function shares). */
    public static FanOutFunction fanOutFunction(Settings settings, Stores stores) {
        return fanOutFunction(settings, stores, AwsClients.sns(settings));
    }

    private static FanOutFunction fanOutFunction(Settings settings, Stores stores, SnsClient sns) {
        NotificationPublisher publisher = publisher(settings, sns);
        return new FanOutFunction(fanOut(settings, stores.buckets(), publisher, stores.deliveryLog(),
                listeners(stores.health(), metrics(settings), Clock.systemUTC())), stores.buckets(), publisher,
                stores.health());
    }

    /**
     * What hears each batch of the fan-out function: the destinations' health (written to {@code health} as
     * {@code clock} goes) and {@code metrics}, the function's {@link #metrics} (the benchmarks compare it with
     * {@link DeliveryListener#NONE}). Built once per container: the health tracker holds what it has not written yet.
     */
    public static DeliveryListener listeners(DestinationHealthLog health, DeliveryListener metrics, Clock clock) {
        return DeliveryListener.all(List.of(new HealthTracker(health, clock), metrics));
    }

    /** The fan-out's CloudWatch metrics, as Embedded Metric Format log lines. */
    public static DeliveryListener metrics(Settings settings) {
        return new FanOutMetrics(settings.delivery().metricsNamespace(), settings.delivery().maxReceiveCount(),
                Clock.systemUTC());
    }

    /** @param listener told what each batch delivered: the destinations' health, metrics */
    public static FanOut fanOut(Settings settings, BucketStore store, NotificationPublisher publisher,
            DeliveryLog deliveryLog, DeliveryListener listener) {
        return new FanOut(new ObjectEventJson(),
                new BucketNotificationsCache(store, settings.configurationCacheTtl(), System::nanoTime), publisher,
                deliveryLog, eventBus(settings), listener);
    }

    /**
     * Every kind of destination, each with its service's publisher. The SNS client is built at once (priming warms
     * it); the others when a batch first has something for them, so a cold start pays only for what it delivers to.
     */
    public static NotificationPublisher publisher(Settings settings, SnsClient sns) {
        Lazy<NotificationPublisher> queues = Lazy.of(() -> new SqsNotificationPublisher(AwsClients.sqs(settings)));
        Lazy<NotificationPublisher> functions = Lazy.of(() -> new LambdaNotificationPublisher(AwsClients.lambda(settings)));
        Lazy<NotificationPublisher> bus = Lazy.of(() -> new EventBridgePublisher(AwsClients.eventBridge(settings),
                settings.delivery().eventSource()));
        return new NotificationRouter(Map.of(
                Destination.Kind.TOPIC, new SnsNotificationPublisher(sns),
                Destination.Kind.QUEUE, notifications -> queues.get().publish(notifications),
                Destination.Kind.FUNCTION, notifications -> functions.get().publish(notifications),
                Destination.Kind.EVENT_BUS, notifications -> bus.get().publish(notifications)));
    }
}
