package dev.s3notifications.local;

import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.Await;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.Subscriptions;
import dev.s3notifications.wiring.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class ObjectEventQueuePollerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String table;
    private static DynamoDbClient dynamoDb;
    private static SnsClient sns;
    private static SqsClient sqs;
    private static Subscriptions subscriptions;
    private ObjectEventQueuePoller poller;

    @BeforeAll
    static void emulators() {
        var moto = MotoServer.shared();
        table = "buckets-" + UUID.randomUUID();
        dynamoDb = AwsTestClients.dynamoDb(MotoServer.shared().endpoint());
        DynamoDbTables.createBuckets(dynamoDb, table);
        sns = AwsTestClients.sns(moto.endpoint());
        sqs = AwsTestClients.sqs(moto.endpoint());
        subscriptions = new Subscriptions(sns, sqs);
    }

    @AfterEach
    void stopPoller() {
        if (poller != null) {
            poller.stop();
            assertThat(poller.isRunning()).isFalse();
        }
    }

    private static String put(String bucket, String key) {
        return """
                {"eventName":"s3:ObjectCreated:Put","bucket":"%s","key":"%s","size":1,"eTag":"abc","sequencer":"0A",
                 "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDA","sourceIpAddress":"203.0.113.7",
                 "requestId":"REQ","hostId":"HOST"}""".formatted(bucket, key);
    }

    private static void send(String queueUrl, String... bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies[i]).build());
        }
        assertThat(sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed()).isEmpty();
    }

    @Test
    void aPoisonedMessageEndsInTheDeadLetterQueueWhileTheGoodOnesOfItsBatchAreDeliveredOnce() {
        var store = new DynamoDbBucketStore(dynamoDb, table);
        Bucket bucket = new Bucket("photos-" + UUID.randomUUID().toString().substring(0, 8), "123456789012", "us-east-1", Instant.now());
        store.create(bucket);
        String topicArn = subscriptions.topic("images");
        String delivered = subscriptions.queueSubscribedTo(topicArn, true);
        store.putNotificationConfiguration(bucket, new NotificationConfiguration(List.of(
                topic("all", topicArn, null, null, "s3:ObjectCreated:*")), false));
        var queues = ObjectEventQueuePoller.createQueues(sqs, "object-events-" + UUID.randomUUID(), 2, Duration.ofSeconds(1));
        var handler = new FanOutHandler(FanOuts.overDynamoDb(
                Settings.from(Map.of("BUCKETS_TABLE", table, "AWS_REGION", "us-east-1")), dynamoDb, sns));
        poller = new ObjectEventQueuePoller(sqs, queues, handler::handleRequest, "us-east-1", Duration.ofSeconds(1));
        poller.start();

        send(queues.url(), put(bucket.name(), "one.jpg"), "{\"this is\": \"not an object event\"}", put(bucket.name(), "two.jpg"));

        assertThat(subscriptions.receive(delivered, 2, WAIT)).anySatisfy(b -> assertThat(b).contains("\"key\":\"one.jpg\""))
                .anySatisfy(b -> assertThat(b).contains("\"key\":\"two.jpg\""));
        assertThat(subscriptions.receive(queues.deadLetterUrl(), 1, WAIT)).containsExactly("{\"this is\": \"not an object event\"}");
        Await.until("the object-events queue is empty", WAIT, () -> AwsTestClients.messagesIn(sqs, queues.url()) == 0);
        assertThat(AwsTestClients.messagesIn(sqs, delivered)).isZero(); // the good messages were not delivered again
        assertThat(poller.stats().failed()).isEqualTo(2);    // the poisoned message, on each of its 2 receives
        assertThat(poller.stats().deleted()).isEqualTo(2);
    }

    @Test
    void whenTheFunctionThrowsNothingIsDeletedAndTheBatchComesBack() {
        var queues = ObjectEventQueuePoller.createQueues(sqs, "object-events-" + UUID.randomUUID(), 5, Duration.ofSeconds(1));
        AtomicInteger invocations = new AtomicInteger();
        poller = new ObjectEventQueuePoller(sqs, queues, (event, context) -> {
            if (invocations.incrementAndGet() == 1) {
                throw new IllegalStateException("the first invocation fails");
            }
            return new SQSBatchResponse(List.of());
        }, "us-east-1", Duration.ofSeconds(1));
        poller.start();

        send(queues.url(), "first", "second");

        Await.until("both messages are deleted after a retry", WAIT, () -> poller.stats().deleted() == 2);
        assertThat(invocations.get()).isGreaterThanOrEqualTo(2);
        assertThat(poller.stats().failed()).isGreaterThanOrEqualTo(1);
        Await.until("the queue is empty", WAIT, () -> AwsTestClients.messagesIn(sqs, queues.url()) == 0);
        assertThat(AwsTestClients.messagesIn(sqs, queues.deadLetterUrl())).isZero();
    }

    @Test
    void aBatchItemFailureNamingNoMessageOfTheBatchFailsTheWholeBatch() {
        var queues = ObjectEventQueuePoller.createQueues(sqs, "object-events-" + UUID.randomUUID(), 1, Duration.ofSeconds(1));
        poller = new ObjectEventQueuePoller(sqs, queues, (event, context) -> new SQSBatchResponse(
                List.of(new SQSBatchResponse.BatchItemFailure(""))),
                "us-east-1", Duration.ofSeconds(1));
        poller.start();

        send(queues.url(), "only");

        assertThat(subscriptions.receive(queues.deadLetterUrl(), 1, WAIT)).containsExactly("only");
        assertThat(poller.stats().deleted()).isZero();
    }
}
