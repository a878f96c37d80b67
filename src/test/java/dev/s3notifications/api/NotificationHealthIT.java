package dev.s3notifications.api;

import static dev.s3notifications.api.PutBucketNotificationValidationTest.document;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.queue;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static dev.s3notifications.testing.S3Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.dynamodb.DynamoDbDestinationHealthLog;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.S3Requests;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code ?notification-health} end to end on moto: the fan-out as deployed records what its deliveries did, and the
 * API as deployed shows it to whoever may read the bucket's configuration.
 */
class NotificationHealthIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static S3Api api;
    private static FanOutHandler fanOut;
    private static SqsClient sqs;
    private static DynamoDbClient dynamoDb;
    private static String deliveries;

    @BeforeAll
    static void wire() {
        MotoServer moto = MotoServer.shared();
        dynamoDb = AwsTestClients.dynamoDb(moto.endpoint());
        String table = "buckets-" + UUID.randomUUID();
        deliveries = "deliveries-" + UUID.randomUUID();
        DynamoDbTables.createBuckets(dynamoDb, table);
        DynamoDbTables.createDeliveries(dynamoDb, deliveries);
        AwsTestClients.defaultChainCredentials();
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table, "DELIVERIES_TABLE", deliveries,
                "AWS_ENDPOINT_URL", moto.endpoint().toString(), "PRIME_AT_INIT", "false",
                "UNSIGNED_REQUESTS_ACCOUNT_ID", S3Requests.ACCOUNT);
        api = Wiring.api(Settings.from(env));
        fanOut = new FanOutHandler(Settings.from(env));
        sqs = AwsTestClients.sqs(moto.endpoint());
    }

    private static String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static SQSEvent put(String bucket, String... keys) {
        SQSEvent event = new SQSEvent();
        event.setRecords(Arrays.stream(keys).map(key -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(UUID.randomUUID().toString());
            message.setBody("{\"eventName\":\"s3:ObjectCreated:Put\",\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\","
                    + "\"size\":5,\"eTag\":\"abc\",\"sequencer\":\"0A\",\"eventTime\":\"2026-12-06T10:00:00Z\","
                    + "\"requesterPrincipalId\":\"AWS:AIDA\",\"sourceIpAddress\":\"203.0.113.7\",\"requestId\":\"R\","
                    + "\"hostId\":\"H\"}");
            return message;
        }).toList());
        return event;
    }

    @Test
    void aQueueDeletedAfterTheConfigurationWasSavedShowsItsFailureWhileTheOtherQueueKeepsGettingEvents() {
        String bucket = "health-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.handle(request("PUT", bucket).build()).status()).isEqualTo(200);
        String liveUrl = sqs.createQueue(b -> b.queueName("live-" + bucket)).queueUrl();
        String goneUrl = sqs.createQueue(b -> b.queueName("gone-" + bucket)).queueUrl();
        String live = queueArn(liveUrl);
        String gone = queueArn(goneUrl);
        assertThat(api.handle(putNotification(bucket, document(queue("images", live, "s3:ObjectCreated:*")
                .replace("<Event>", "<Filter><S3Key><FilterRule><Name>prefix</Name><Value>images/</Value></FilterRule>"
                        + "</S3Key></Filter><Event>")
                + queue("logs", gone, "s3:ObjectCreated:*").replace("<Event>", "<Filter><S3Key><FilterRule><Name>prefix</Name>"
                        + "<Value>logs/</Value></FilterRule></S3Key></Filter><Event>"))).build()).status()).isEqualTo(200);
        AwsTestClients.drain(sqs, liveUrl, Duration.ofMillis(500)); // the test events
        sqs.deleteQueue(b -> b.queueUrl(goneUrl));

        var failed = fanOut.handleRequest(put(bucket, "images/a.jpg", "logs/b.log", "images/c.jpg"), null);

        assertThat(failed.getBatchItemFailures()).hasSize(1);
        assertThat(AwsTestClients.receive(sqs, liveUrl, 2, WAIT)).hasSize(2);
        String health = api.handle(request("GET", bucket).query("notification-health", "").build()).body();
        assertThat(health).contains("<Destination><Type>Queue</Type><Arn>" + gone + "</Arn><ConfigurationId>logs</ConfigurationId>"
                        + "<Delivered>0</Delivered><Failed>1</Failed>")
                .contains("<LastFailureCode>AWS.SimpleQueueService.NonExistentQueue</LastFailureCode>")
                .contains("<Destination><Type>Queue</Type><Arn>" + live + "</Arn><ConfigurationId>images</ConfigurationId>"
                        + "<Delivered>2</Delivered><Failed>0</Failed><LastSuccess>");
        assertThat(health.substring(health.indexOf(gone))).contains("<FailingSince>");

        // The configuration without the gone queue: its record is dropped.
        assertThat(api.handle(putNotification(bucket, document(queue("images", live, "s3:ObjectCreated:*"))).build())
                .status()).isEqualTo(200);
        assertThat(api.handle(request("GET", bucket).query("notification-health", "").build()).body()).doesNotContain(gone);
        var log = new DynamoDbDestinationHealthLog(dynamoDb, deliveries, Clock.systemUTC());
        assertThat(log.read(bucket, List.of(new Destination(Destination.Kind.QUEUE, gone)))).isEmpty();
    }
}
