package dev.s3notifications.handler;

import static dev.s3notifications.testing.Destinations.function;
import static dev.s3notifications.testing.Destinations.queue;
import static dev.s3notifications.testing.Destinations.topic;
import static dev.s3notifications.testing.SqsBatches.batch;
import static dev.s3notifications.testing.SqsBatches.failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.reliability.FaultProxy;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.InvokeApi;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SqsBatches;
import dev.s3notifications.wiring.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fan-out function as deployed ({@link FanOutHandler} built from its settings), delivering to moto's SQS
 * and EventBridge (read back through a rule whose target is a queue, as on AWS) and to an Invoke API endpoint of our
 * own for Lambda (invoking on moto needs Docker); configurations and the delivery log in moto's DynamoDB.
 */
class DestinationDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012"; // moto's
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private static DynamoDbBucketStore store;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static EventBridgeClient eventBridge;
    private static InvokeApi lambda;
    private static Settings settings;
    private static Map<String, String> environment;

    private Bucket bucket;
    private FanOutHandler handler;

    @BeforeAll
    static void emulators() {
        MotoServer moto = MotoServer.shared();
        lambda = InvokeApi.start("us-east-1", ACCOUNT);
        String table = "buckets-" + UUID.randomUUID();
        String deliveries = "deliveries-" + UUID.randomUUID();
        var dynamoDb = AwsTestClients.dynamoDb(moto.endpoint());
        DynamoDbTables.createBuckets(dynamoDb, table);
        DynamoDbTables.createDeliveries(dynamoDb, deliveries);
        store = new DynamoDbBucketStore(dynamoDb, table);
        sqs = AwsTestClients.sqs(moto.endpoint());
        sns = AwsTestClients.sns(moto.endpoint());
        eventBridge = AwsTestClients.eventBridge(moto.endpoint());
        AwsTestClients.defaultChainCredentials();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("BUCKETS_TABLE", table);
        env.put("DELIVERIES_TABLE", deliveries);
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString());
        env.put("PRIME_AT_INIT", "false");
        environment = Map.copyOf(env);
        settings = Settings.from(env);
    }

    @AfterAll
    static void stopLambda() {
        lambda.close();
    }

    @BeforeEach
    void newBucketAndFunction() {
        bucket = new Bucket("photos-" + UUID.randomUUID().toString().substring(0, 8), ACCOUNT, "us-east-1",
                Instant.parse("2026-01-01T00:00:00Z"));
        store.create(bucket);
        handler = new FanOutHandler(settings);
    }

    private void configure(NotificationConfiguration configuration) {
        store.putNotificationConfiguration(bucket, new NotificationConfigurationValidator().validate(configuration, "us-east-1"));
    }

    private String newQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name + "-" + bucket.name())).queueUrl();
    }

    private static String arnOf(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A queue that gets every event of this test's bucket put on the default bus with our source. */
    private String busQueue() {
        return AwsTestClients.queueForEvents(eventBridge, sqs, "bus-" + bucket.name(),
                "{\"source\":[\"s3-bucket-notifications\"],\"resources\":[\"" + bucket.arn() + "\"]}");
    }

    private static String event(String eventName, String bucketName, String key, String extra) {
        return ("{\"eventName\":\"%s\",\"bucket\":\"%s\",\"key\":\"%s\",\"size\":2048,"
                + "\"eTag\":\"9b2cf535f27731c974343645a3985328\",\"versionId\":\"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\","
                + "\"sequencer\":\"0062E99A88DC407460\",\"eventTime\":\"2026-11-22T10:15:30.123456Z\","
                + "\"requesterPrincipalId\":\"AWS:AIDAJDPLRKLG7UEXAMPLE\",\"sourceIpAddress\":\"203.0.113.7\","
                + "\"requestId\":\"C3D13FE58DE4C810\",\"hostId\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD\"%s}")
                .formatted(eventName, bucketName, key, extra);
    }

    /** The message S3 would send for the PUT of "photos 2026/red flower+@=é.jpg" under configuration {@code id}. */
    private String expectedMessage(String configurationId) {
        return SqsBatches.redFlowerMessage(configurationId, bucket.name(), BucketIdentity.ownerPrincipalId(ACCOUNT),
                "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    }

    @Test
    void aQueueGetsS3sExactMessageOneRecordPerMessageWithTheTraceHeader() throws Exception {
        String queueUrl = newQueue("uploads");
        configure(new NotificationConfiguration(List.of(queue("uploads", arnOf(queueUrl), "photos+2026/", null,
                "s3:ObjectCreated:*")), false));
        String key = "photos 2026/red flower+@=é.jpg";
        String traced = event("s3:ObjectCreated:Put", bucket.name(), key, ",\"traceHeader\":\"" + TRACE + "\"");
        // moto drops the system attributes of SendMessageBatch entries (it keeps SendMessage's): read what was sent.
        List<JsonNode> sent = new CopyOnWriteArrayList<>();
        try (FaultProxy wire = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.SQS, 1)) {
            wire.listen(request -> {
                if (request.operation().equals("SendMessageBatch")) {
                    sent.add(readJson(request.body()));
                }
            });
            Map<String, String> env = new HashMap<>(environment);
            env.put("AWS_ENDPOINT_URL_SQS", wire.endpoint().toString());
            assertThat(failures(new FanOutHandler(Settings.from(env)).handleRequest(batch(1,
                    "{\"events\":[" + traced + "," + traced + "]}", event("s3:ObjectCreated:Put", bucket.name(), key, "")),
                    null))).isEmpty();
        }

        assertThat(AwsTestClients.receive(sqs, queueUrl, 3, WAIT)).hasSize(3).allSatisfy(message -> {
            assertThat(message.body()).isEqualTo(expectedMessage("uploads"));
            assertThat(message.messageAttributes()).isEmpty();
        });
        assertThat(AwsTestClients.drain(sqs, queueUrl, QUIET)).isEmpty();
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.get("Entries")).hasSize(3);
            List<String> traces = new ArrayList<>();
            for (JsonNode entry : request.get("Entries")) {
                assertThat(entry.has("MessageAttributes")).isFalse();
                if (entry.has("MessageSystemAttributes")) {
                    assertThat(entry.get("MessageSystemAttributes").properties()).extracting(Map.Entry::getKey)
                            .containsExactly("AWSTraceHeader");
                    traces.add(entry.at("/MessageSystemAttributes/AWSTraceHeader/StringValue").asText());
                }
            }
            assertThat(traces).containsExactly(TRACE, TRACE);
        });
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFunctionIsInvokedAsynchronouslyWithS3sExactMessageAsPayload() {
        String function = lambda.create("thumbnails-" + bucket.name());
        configure(new NotificationConfiguration(List.of(function("thumbnails", function, null, ".jpg", "s3:ObjectCreated:Put")),
                false));

        assertThat(failures(handler.handleRequest(batch(1, event("s3:ObjectCreated:Put", bucket.name(),
                "photos 2026/red flower+@=é.jpg", ""), event("s3:ObjectCreated:Put", bucket.name(), "notes.txt", "")), null)))
                .isEmpty();

        assertThat(lambda.invocations()).filteredOn(i -> i.functionArn().equals(function)).singleElement().satisfies(i -> {
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.payload()).isEqualTo(expectedMessage("thumbnails"));
        });
    }

    @Test
    void eventBridgeGetsS3sDetailTypeAndDetailForEveryKindOfEvent() throws Exception {
        String busQueue = busQueue();
        configure(new NotificationConfiguration(List.of(), true));
        String restore = ",\"restoreExpiryTime\":\"2026-11-29T00:00:00Z\",\"restoreStorageClass\":\"GLACIER\"";
        String owner = ",\"requesterAccountId\":\"" + ACCOUNT + "\"";
        String[] bodies = {
                event("s3:ObjectCreated:Put", bucket.name(), "photos 2026/red flower+@=é.jpg", owner),
                event("s3:ObjectRemoved:Delete", bucket.name(), "deleted.txt", owner),
                event("s3:ObjectRemoved:DeleteMarkerCreated", bucket.name(), "marked.txt", owner),
                event("s3:ObjectRestore:Completed", bucket.name(), "restored.bin", restore),
                event("s3:ObjectTagging:Put", bucket.name(), "tagged.txt", owner),
                event("s3:ObjectAcl:Put", bucket.name(), "acl.txt", owner)};

        assertThat(failures(handler.handleRequest(batch(1, bodies), null))).isEmpty();

        Map<String, JsonNode> byKey = new HashMap<>();
        for (Message message : AwsTestClients.receive(sqs, busQueue, bodies.length, WAIT)) {
            JsonNode event = JSON.readTree(message.body());
            byKey.put(event.path("detail").path("object").path("key").asText(), event);
        }
        assertThat(byKey).hasSize(bodies.length);
        JsonNode created = byKey.get("photos 2026/red flower+@=é.jpg");
        assertThat(created.get("detail-type").asText()).isEqualTo("Object Created");
        assertThat(created.get("source").asText()).isEqualTo("s3-bucket-notifications");
        assertThat(created.get("time").asText()).isEqualTo("2026-11-22T10:15:30Z");
        assertThat(created.get("resources")).containsExactly(JSON.getNodeFactory().textNode(bucket.arn()));
        assertThat(JSON.writeValueAsString(created.get("detail"))).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\""
                + bucket.name() + "\"},\"object\":{\"key\":\"photos 2026/red flower+@=é.jpg\",\"size\":2048,"
                + "\"etag\":\"9b2cf535f27731c974343645a3985328\",\"version-id\":\"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\","
                + "\"sequencer\":\"0062E99A88DC407460\"},\"request-id\":\"C3D13FE58DE4C810\",\"requester\":\"" + ACCOUNT + "\","
                + "\"source-ip-address\":\"203.0.113.7\",\"reason\":\"PutObject\"}");
        JsonNode deleted = byKey.get("deleted.txt");
        assertThat(deleted.get("detail-type").asText()).isEqualTo("Object Deleted");
        assertThat(deleted.at("/detail/deletion-type").asText()).isEqualTo("Permanently Deleted");
        assertThat(deleted.at("/detail/reason").asText()).isEqualTo("DeleteObject");
        assertThat(deleted.at("/detail/object").has("etag") || deleted.at("/detail/object").has("size")).isFalse();
        JsonNode marked = byKey.get("marked.txt");
        assertThat(marked.at("/detail/deletion-type").asText()).isEqualTo("Delete Marker Created");
        assertThat(marked.at("/detail/object/etag").asText()).isEqualTo("9b2cf535f27731c974343645a3985328");
        JsonNode restored = byKey.get("restored.bin");
        assertThat(restored.get("detail-type").asText()).isEqualTo("Object Restore Completed");
        assertThat(restored.at("/detail/requester").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(restored.at("/detail/restore-expiry-time").asText()).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(restored.at("/detail/source-storage-class").asText()).isEqualTo("GLACIER");
        assertThat(restored.at("/detail").has("source-ip-address")).isFalse();
        assertThat(byKey.get("tagged.txt").get("detail-type").asText()).isEqualTo("Object Tags Added");
        assertThat(byKey.get("acl.txt").get("detail-type").asText()).isEqualTo("Object ACL Updated");
        assertThat(byKey.get("acl.txt").at("/detail/object").has("size")).isFalse();
    }

    @Test
    void aBucketWithoutEventBridgeConfigurationSendsNothingToTheBus() {
        String busQueue = busQueue();
        String topicArn = sns.createTopic(b -> b.name("images-" + bucket.name())).topicArn();
        configure(new NotificationConfiguration(List.of(topic("images", topicArn, null, null, "s3:ObjectCreated:*")), false));

        assertThat(failures(handler.handleRequest(batch(1, event("s3:ObjectCreated:Put", bucket.name(), "a.jpg", "")), null)))
                .isEmpty();
        configure(new NotificationConfiguration(List.of(), true)); // then on, and a sentinel event after the first
        handler = new FanOutHandler(settings); // a new container: no cached configuration
        assertThat(failures(handler.handleRequest(batch(1, event("s3:ObjectCreated:Put", bucket.name(), "sentinel", "")), null)))
                .isEmpty();

        assertThat(AwsTestClients.receive(sqs, busQueue, 2, QUIET.multipliedBy(3))).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("\"key\": \"sentinel\"").doesNotContain("a.jpg"));
    }

    @Test
    void aQueueThatFailsDoesNotMakeTheBusGetTheEventAgainWhenTheMessageComesBack() {
        String busQueue = busQueue();
        String queueName = "flaky-" + bucket.name();
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String queueArn = arnOf(queueUrl);
        configure(new NotificationConfiguration(List.of(queue("flaky", queueArn, null, null, "s3:ObjectCreated:*")), true));
        sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        String body = event("s3:ObjectCreated:Put", bucket.name(), "photos 2026/red flower+@=é.jpg", "");

        assertThat(failures(handler.handleRequest(batch(1, body), null))).containsExactly("message-0");
        assertThat(AwsTestClients.receive(sqs, busQueue, 1, WAIT)).hasSize(1);

        String recreated = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        assertThat(failures(handler.handleRequest(batch(2, body), null))).isEmpty();
        assertThat(AwsTestClients.receive(sqs, recreated, 1, WAIT)).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo(expectedMessage("flaky")));
        assertThat(AwsTestClients.drain(sqs, busQueue, QUIET)).as("the bus had the event already").isEmpty();
    }
}
