package dev.s3notifications.testing;

import dev.s3notifications.fanout.BucketNotificationsCache;
import dev.s3notifications.fanout.DeliveryListener;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.FanOut;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Fan-outs for tests: as the function builds its own, over a given store, publisher and delivery log. */
public final class FanOuts {
    /** The bus the fan-out delivers EventBridge events to unless told otherwise, as in Lambda. */
    public static final Destination DEFAULT_BUS = new Destination(Destination.Kind.EVENT_BUS, "default");

    private FanOuts() {
    }

    /** With the function's default cache lifetime (5 s) and no delivery log. */
    public static FanOut of(BucketStore store, NotificationPublisher publisher) {
        return of(new BucketNotificationsCache(store, Duration.ofSeconds(5), System::nanoTime), publisher, DeliveryLog.NONE);
    }

    public static FanOut of(BucketNotificationsCache cache, NotificationPublisher publisher, DeliveryLog deliveryLog) {
        return new FanOut(new ObjectEventJson(), cache, publisher, deliveryLog, DEFAULT_BUS, DeliveryListener.NONE);
    }

    /**
     * The function's fan-out over the tables the settings name and the topics, through the clients given (whose
     * calls tests and benchmarks count), without the health and metrics listeners.
     */
    public static FanOut overDynamoDb(Settings settings, DynamoDbClient dynamoDb, SnsClient sns) {
        Wiring.Stores stores = Wiring.Stores.dynamoDb(settings, dynamoDb);
        return Wiring.fanOut(settings, stores.buckets(), Wiring.publisher(settings, sns), stores.deliveryLog(),
                DeliveryListener.NONE);
    }
}
