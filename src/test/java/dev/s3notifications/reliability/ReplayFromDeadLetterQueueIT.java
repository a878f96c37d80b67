package dev.s3notifications.reliability;

import static dev.s3notifications.testing.Destinations.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.local.ObjectEventQueuePoller;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.Await;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.wiring.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An event that failed into the dead-letter queue (its destination queue was gone), replayed once the destination
 * is back by moving the message to the object-events queue, is delivered. On AWS the move is SQS's
 * {@code StartMessageMoveTask} (the README's {@code aws sqs start-message-move-task}); moto has no such operation,
 * so the test moves the message as the task does: the same body, a new message in the source queue.
 */
class ReplayFromDeadLetterQueueIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aDeadLetteredEventIsDeliveredWhenItsMessageIsMovedBack() {
        MotoServer moto = MotoServer.shared();
        SqsClient sqs = AwsTestClients.sqs(moto.endpoint());
        var dynamoDb = AwsTestClients.dynamoDb(moto.endpoint());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "replay-buckets-" + run;
        String deliveries = "replay-deliveries-" + run;
        DynamoDbTables.createBuckets(dynamoDb, table);
        DynamoDbTables.createDeliveries(dynamoDb, deliveries);
        var store = new DynamoDbBucketStore(dynamoDb, table);
        Bucket bucket = new Bucket("replay-" + run, "123456789012", "us-east-1", Instant.now());
        store.create(bucket);
        String destinationName = "uploads-" + run;
        String destinationUrl = sqs.createQueue(b -> b.queueName(destinationName)).queueUrl();
        String destinationArn = sqs.getQueueAttributes(b -> b.queueUrl(destinationUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        store.putNotificationConfiguration(bucket, new NotificationConfiguration(List.of(
                queue("uploads", destinationArn, null, null, "s3:ObjectCreated:*")), false));
        sqs.deleteQueue(b -> b.queueUrl(destinationUrl));

        AwsTestClients.defaultChainCredentials();
        var queues = ObjectEventQueuePoller.createQueues(sqs, "replay-events-" + run, 2, Duration.ofSeconds(1));
        var handler = new FanOutHandler(Settings.from(Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table,
                "DELIVERIES_TABLE", deliveries, "AWS_ENDPOINT_URL", moto.endpoint().toString(), "PRIME_AT_INIT", "false")));
        String body = "{\"eventName\":\"s3:ObjectCreated:Put\",\"bucket\":\"" + bucket.name() + "\",\"key\":\"late.jpg\","
                + "\"size\":1,\"eTag\":\"abc\",\"sequencer\":\"0A\",\"eventTime\":\"2026-12-06T10:00:00Z\","
                + "\"requesterPrincipalId\":\"AWS:AIDA\",\"sourceIpAddress\":\"203.0.113.7\",\"requestId\":\"R\",\"hostId\":\"H\"}";
        try (var poller = new ObjectEventQueuePoller(sqs, queues, handler::handleRequest, "us-east-1", Duration.ofSeconds(1))) {
            poller.start();
            sqs.sendMessage(b -> b.queueUrl(queues.url()).messageBody(body));
            List<Message> deadLettered = AwsTestClients.receive(sqs, queues.deadLetterUrl(), 1, WAIT);
            assertThat(deadLettered).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(body));

            String recreated = sqs.createQueue(b -> b.queueName(destinationName)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queues.url()).messageBody(deadLettered.get(0).body())); // the move

            assertThat(AwsTestClients.receive(sqs, recreated, 1, WAIT)).singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("\"key\":\"late.jpg\"", "\"configurationId\":\"uploads\""));
            Await.until("the object-events queue is empty", WAIT, () -> AwsTestClients.messagesIn(sqs, queues.url()) == 0);
            assertThat(AwsTestClients.messagesIn(sqs, queues.deadLetterUrl())).isZero();
        }
    }
}
