package dev.s3notifications.handler;

import static dev.s3notifications.testing.Destinations.topic;
import static dev.s3notifications.testing.SqsBatches.batch;
import static dev.s3notifications.testing.SqsBatches.failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.AwsCallCounter;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SqsBatches;
import dev.s3notifications.testing.Subscriptions;
import dev.s3notifications.wiring.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The fan-out function end to end against a real emulator: configurations in moto's DynamoDB, messages published
 * to moto's SNS and read from SQS queues subscribed to the topics, with raw and with wrapped (SNS envelope)
 * delivery.
 */
class FanOutHandlerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012"; // moto's
    private static String table;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbBucketStore store;
    private static SnsClient sns;
    private static Subscriptions subscriptions;
    private static final AwsCallCounter calls = new AwsCallCounter();

    private FanOutHandler handler;
    private Bucket bucket;

    @BeforeAll
    static void emulators() {
        var moto = MotoServer.shared();
        table = "buckets-" + UUID.randomUUID();
        dynamoDb = AwsTestClients.dynamoDb(MotoServer.shared().endpoint(), calls);
        DynamoDbTables.createBuckets(dynamoDb, table);
        store = new DynamoDbBucketStore(dynamoDb, table);
        sns = AwsTestClients.sns(moto.endpoint(), calls);
        subscriptions = new Subscriptions(sns, AwsTestClients.sqs(moto.endpoint()));
    }

    @BeforeEach
    void newBucketAndHandler() {
        bucket = new Bucket("photos-" + UUID.randomUUID().toString().substring(0, 8), ACCOUNT, "us-east-1",
                Instant.parse("2026-01-01T00:00:00Z"));
        store.create(bucket);
        Settings settings = Settings.from(Map.of("BUCKETS_TABLE", table, "AWS_REGION", "us-east-1"));
        handler = new FanOutHandler(FanOuts.overDynamoDb(settings, dynamoDb, sns));
        calls.reset();
    }

    /** Stores a configuration the way PUT ?notification does: validated and normalised first. */
    private void configure(NotificationConfiguration configuration) {
        store.putNotificationConfiguration(bucket, new NotificationConfigurationValidator().validate(configuration, "us-east-1"));
    }

    private static String put(String bucketName, String key) {
        return """
                {"eventName":"s3:ObjectCreated:Put","bucket":"%s","key":"%s","size":2048,
                 "eTag":"\\"9b2cf535f27731c974343645a3985328\\"","sequencer":"0062E99A88DC407460",
                 "eventTime":"2026-11-22T10:15:30.123456Z","requesterPrincipalId":"AWS:AIDAJDPLRKLG7UEXAMPLE",
                 "sourceIpAddress":"203.0.113.7","requestId":"C3D13FE58DE4C810",
                 "hostId":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"}"""
                .formatted(bucketName, key);
    }

    /** The message S3 would publish for {@link #put} of the key "photos 2026/red flower+@=é.jpg", byte for byte. */
    private String expectedMessage(String configurationId) {
        return SqsBatches.redFlowerMessage(configurationId, bucket.name(), "ACG6NQ0AY11LRL", null);
    }

    @Test
    void deliversS3sExactMessageToRawAndWrappedSubscriptions() throws Exception {
        String topicArn = subscriptions.topic("images");
        String raw = subscriptions.queueSubscribedTo(topicArn, true);
        String wrapped = subscriptions.queueSubscribedTo(topicArn, false);
        // Filter values are written URL-encoded, as the key appears in the record.
        configure(new NotificationConfiguration(List.of(topic("images-created", topicArn, "photos+2026/", ".jpg", "s3:ObjectCreated:*")), false));

        SQSBatchResponse response = handler.handleRequest(batch(put(bucket.name(), "photos 2026/red flower+@=é.jpg")), null);

        assertThat(failures(response)).isEmpty();
        assertThat(subscriptions.receive(raw, 1, WAIT)).containsExactly(expectedMessage("images-created"));
        JsonNode envelope = JSON.readTree(subscriptions.receive(wrapped, 1, WAIT).get(0));
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.get("Subject").asText()).isEqualTo("Amazon S3 Notification");
        assertThat(envelope.get("Message").asText()).isEqualTo(expectedMessage("images-created"));
        assertThat(envelope.has("MessageId") && envelope.has("Timestamp") && envelope.has("Signature")).isTrue();
        assertThat(calls.count("Sns.Publish")).isEqualTo(1);
        assertThat(calls.count("DynamoDb.GetItem")).isEqualTo(1);
    }

    @Test
    void oneEventMatchedByTwoTopicConfigurationsReachesBothTopics() {
        String imagesTopic = subscriptions.topic("images");
        String auditTopic = subscriptions.topic("audit");
        String imagesQueue = subscriptions.queueSubscribedTo(imagesTopic, true);
        String auditQueue = subscriptions.queueSubscribedTo(auditTopic, true);
        // S3's validator refuses two configurations that both match one event, so this document is stored as is:
        // the fan-out publishes for every configuration that matches whatever the store holds.
        store.putNotificationConfiguration(bucket, new NotificationConfiguration(List.of(
                topic("images", imagesTopic, "photos+2026/", null, "s3:ObjectCreated:Put"),
                topic("audit", auditTopic, null, null, "s3:ObjectCreated:*")), false));

        assertThat(failures(handler.handleRequest(batch(put(bucket.name(), "photos 2026/red flower+@=é.jpg")), null))).isEmpty();

        assertThat(subscriptions.receive(imagesQueue, 1, WAIT)).containsExactly(expectedMessage("images"));
        assertThat(subscriptions.receive(auditQueue, 1, WAIT)).containsExactly(expectedMessage("audit"));
    }

    @Test
    void aBucketWithoutConfigurationAndADeletedBucketPublishNothing() {
        String topicArn = subscriptions.topic("images");
        String queue = subscriptions.queueSubscribedTo(topicArn, true);
        Bucket unconfigured = new Bucket("plain-" + UUID.randomUUID().toString().substring(0, 8), ACCOUNT, "us-east-1", Instant.now());
        store.create(unconfigured);
        Bucket deleted = new Bucket("gone-" + UUID.randomUUID().toString().substring(0, 8), ACCOUNT, "us-east-1", Instant.now());
        store.create(deleted);
        store.putNotificationConfiguration(deleted, new NotificationConfiguration(List.of(
                topic("was-there", topicArn, null, null, "s3:ObjectCreated:*")), false));
        store.delete(deleted);
        configure(new NotificationConfiguration(List.of(topic("sentinel", topicArn, "sentinel/", null, "s3:ObjectCreated:*")), false));

        SQSBatchResponse response = handler.handleRequest(batch(put(unconfigured.name(), "a.jpg"), put(deleted.name(), "a.jpg"),
                put(bucket.name(), "sentinel/last.jpg")), null);

        assertThat(failures(response)).isEmpty();
        // Published in order by one function call: once the sentinel is there, anything else would be too.
        assertThat(subscriptions.receiveUntil(queue, body -> body.contains("sentinel/last.jpg"), WAIT)).singleElement()
                .asString().contains("\"configurationId\":\"sentinel\"");
        assertThat(calls.count("Sns.Publish")).isEqualTo(1);
    }

    @Test
    void aPoisonedMessageIsTheOnlyBatchItemFailureAndTheOthersAreDelivered() {
        String topicArn = subscriptions.topic("images");
        String queue = subscriptions.queueSubscribedTo(topicArn, true);
        configure(new NotificationConfiguration(List.of(topic("all", topicArn, null, null, "s3:ObjectCreated:*")), false));

        SQSBatchResponse response = handler.handleRequest(batch(put(bucket.name(), "one.jpg"), "{\"eventName\":",
                put(bucket.name(), "two.jpg")), null);

        assertThat(failures(response)).containsExactly("message-1");
        assertThat(subscriptions.receive(queue, 2, WAIT)).anySatisfy(b -> assertThat(b).contains("\"key\":\"one.jpg\""))
                .anySatisfy(b -> assertThat(b).contains("\"key\":\"two.jpg\""));
    }

    @Test
    void aTopicThatIsGoneFailsOnlyTheMessagesMeantForIt() {
        String goneTopic = subscriptions.topic("gone");
        String liveTopic = subscriptions.topic("live");
        String liveQueue = subscriptions.queueSubscribedTo(liveTopic, true);
        configure(new NotificationConfiguration(List.of(
                topic("to-gone", goneTopic, "old/", null, "s3:ObjectCreated:*"),
                topic("to-live", liveTopic, "new/", null, "s3:ObjectCreated:*")), false));
        sns.deleteTopic(b -> b.topicArn(goneTopic));

        SQSBatchResponse response = handler.handleRequest(batch(put(bucket.name(), "old/a.jpg"), put(bucket.name(), "new/b.jpg")), null);

        assertThat(failures(response)).containsExactly("message-0");
        assertThat(subscriptions.receive(liveQueue, 1, WAIT)).singleElement().asString().contains("\"key\":\"new/b.jpg\"");
    }

    @Test
    void manyRecordsForOneTopicGoOutInBatchesOfTenAfterOneRead() {
        String topicArn = subscriptions.topic("images");
        String queue = subscriptions.queueSubscribedTo(topicArn, true);
        configure(new NotificationConfiguration(List.of(topic("all", topicArn, null, null, "s3:ObjectCreated:*")), false));
        String[] bodies = new String[25];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = put(bucket.name(), "photo-" + i + ".jpg");
        }

        assertThat(failures(handler.handleRequest(batch(bodies), null))).isEmpty();
        assertThat(failures(handler.handleRequest(batch(bodies[0]), null))).isEmpty(); // a second invocation, same container

        assertThat(subscriptions.receive(queue, 26, WAIT)).hasSize(26);
        assertThat(calls.count("Sns.PublishBatch")).isEqualTo(3);
        assertThat(calls.count("Sns.Publish")).isEqualTo(1);
        assertThat(calls.count("DynamoDb.GetItem")).isEqualTo(1);
    }
}
