package dev.s3notifications.priming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbDestinationHealthLog;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.Undelivered;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.sns.SnsNotificationPublisher;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.CountingBucketStore;
import dev.s3notifications.testing.CountingDestinationHealthLog;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import dev.s3notifications.wiring.AwsClients;
import dev.s3notifications.wiring.InitThread;
import dev.s3notifications.wiring.Settings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FanOutPrimingTest {
    private final CountingBucketStore store = new CountingBucketStore(new InMemoryBucketStore());
    private final RecordingNotificationPublisher publisher = new RecordingNotificationPublisher();
    private final Settings settings = Settings.from(Map.of());

    @BeforeAll
    static void credentials() {
        AwsTestClients.defaultChainCredentials(); // the functions' clients use the default credentials chain
    }

    @Test
    void deliversASampleBatchToTopicsThatCannotExistAndOnlyReadsTheRealStore() {
        assertThat(priming(store).prime()).isZero();

        assertThat(store.finds()).as("a bucket that cannot exist, then the rehearsal's sample bucket").isEqualTo(2);
        assertThat(store.listOwnedBy(Settings.DEFAULT_ACCOUNT)).isEmpty();
        assertThat(publisher.calls).as("the rehearsal finds no sample bucket in a store that is not DynamoDB").hasSize(1);
        assertThat(publisher.published).extracting(n -> n.destination().address()).as("the sample configuration's first"
                + " topic gets three records of the batch (a PublishBatch), its second one (a Publish)").containsExactly(
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-2");
    }

    /**
     * The functions' own SDK clients, pointed at a port where nothing listens: a rehearsed request that reached the
     * network would fail. The rehearsal reads the sample bucket's item and publishes every record.
     */
    @Test
    void rehearsesTheSuccessPathsThroughTheRealClientsWithoutTheNetwork() {
        Settings nowhere = Settings.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
        var dynamoDb = AwsClients.dynamoDb(nowhere);
        var sns = AwsClients.sns(nowhere);
        CountingBucketStore realStore = new CountingBucketStore(new DynamoDbBucketStore(dynamoDb, nowhere.bucketsTable()));
        List<List<Undelivered>> undelivered = new ArrayList<>();
        List<Delivery> given = new ArrayList<>();
        NotificationPublisher realPublisher = notifications -> {
            given.addAll(notifications);
            List<Undelivered> failed = new SnsNotificationPublisher(sns).publish(notifications);
            undelivered.add(failed);
            return failed;
        };
        var recordingHealth = new CountingDestinationHealthLog( // an UpdateItem per destination: rehearsed, or it throws
                new DynamoDbDestinationHealthLog(dynamoDb, nowhere.delivery().deliveriesTable(), Clock.systemUTC()));
        try (dynamoDb; sns) {
            assertThat(new FanOutPriming(realStore, realPublisher, recordingHealth, nowhere, FanOutHandler.requestPath())
                    .rehearse()).isZero();
        }

        assertThat(recordingHealth.written).as("each sample topic's health, first seen, written through the rehearsed UpdateItem")
                .extracting(change -> change.destination().address()).containsExactlyInAnyOrder(
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-2");
        assertThat(realStore.finds()).isEqualTo(1);
        assertThat(given).extracting(n -> n.destination().address()).containsExactlyInAnyOrder(
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-1",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-2");
        assertThat(undelivered).allSatisfy(failed -> assertThat(failed).isEmpty());
    }

    @Test
    void primingBegunBeforeTheFunctionIsWiredDeliversLocallyAndThenAsInitDoes() {
        InitThread<Integer> local = FanOutPriming.startAtInit(settings, FanOutHandler.requestPath());

        assertThat(local.join()).as("failed messages of the local run, whose publisher takes everything").isZero();
        assertThat(store.finds()).as("the local run reads only its own sample bucket").isZero();
        priming(store).primeAtInit(local);
        assertThat(store.finds()).as("a bucket that cannot exist, then the rehearsal's sample bucket").isEqualTo(2);
        assertThat(publisher.published).hasSize(4);
    }

    @Test
    void primingNeverFailsTheFunction() {
        priming(null).primeAtInit();
    }

    @Test
    void beforeCheckpointPrimesAsInitDoesAndNeverFailsTheSnapshot() {
        FanOutPriming priming = priming(store);

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        priming(null).beforeCheckpoint(null);

        assertThat(store.finds()).as("a bucket that cannot exist, then the rehearsal's sample bucket").isEqualTo(2);
        assertThat(publisher.published).hasSize(4);
    }

    /** Over {@code realStore} and the recording publisher, keeping no destination health. */
    private FanOutPriming priming(BucketStore realStore) {
        return new FanOutPriming(realStore, publisher, DestinationHealthLog.NONE, settings, FanOutHandler.requestPath());
    }
}
