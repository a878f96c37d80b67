package dev.s3notifications.reliability;

import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.local.ObjectEventQueuePoller;
import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.Await;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.ChildProcess;
import dev.s3notifications.testing.MotoServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Kills the fan-out consumer (poller and function, a JVM of its own) with SIGKILL in the middle of a batch, after
 * some of the batch's notifications are published and while it waits for SNS to take the next one; restarts it;
 * then every event of that batch, and of the batches after it, must reach its subscriber, none lost, none in the
 * dead-letter queue. "In the middle" is observed, not guessed: the SNS endpoint is a {@link FaultProxy} whose gate
 * lets the first publishes through and holds the next one.
 */
class CrashMidBatchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TOPICS = 10;
    private static final int EVENTS = 40;
    /** Publish calls let through before the gate holds the next: the batch in hand is then part-published. */
    private static final int PASSING = 3;

    private final List<ChildProcess> consumers = new ArrayList<>();

    @AfterEach
    void stopConsumers() {
        consumers.forEach(ChildProcess::close);
    }

    @Test
    void killingTheConsumerInTheMiddleOfABatchLosesNoEvent() throws Exception {
        var moto = MotoServer.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (FaultProxy snsGate = FaultProxy.start(moto.endpoint(), FaultProxy.Service.SNS, 7);
             DynamoDbClient dynamoDb = AwsTestClients.dynamoDb(moto.endpoint());
             SnsClient sns = AwsTestClients.sns(moto.endpoint());
             SqsClient sqs = AwsTestClients.sqs(moto.endpoint())) {
            // A bucket with ten topic configurations (prefix t0/ .. t9/, one topic each): a batch of ten events
            // is several publish calls, so a crash can fall between them.
            String table = "crash-" + run;
            DynamoDbTables.createBuckets(dynamoDb, table);
            var store = new DynamoDbBucketStore(dynamoDb, table);
            Bucket bucket = new Bucket("crash-" + run, "123456789012", "us-east-1", Instant.now());
            store.create(bucket);
            Map<String, String> subscriberOfTopic = new HashMap<>();
            List<DestinationConfiguration> configurations = new ArrayList<>();
            for (int k = 0; k < TOPICS; k++) {
                String topicArn = sns.createTopic(b -> b.name("crash-" + run + "-" + UUID.randomUUID().toString().substring(0, 4)))
                        .topicArn();
                subscriberOfTopic.put(topicArn, AwsTestClients.subscribedQueue(sns, sqs, topicArn,
                        "crash-sub-" + UUID.randomUUID(), true));
                configurations.add(topic("t" + k, topicArn, "t" + k + "/", null, "s3:ObjectCreated:*"));
            }
            store.putNotificationConfiguration(bucket, new NotificationConfiguration(configurations, false));
            var queues = ObjectEventQueuePoller.createQueues(sqs, "crash-events-" + run, 5, Duration.ofSeconds(3));

            Set<String> sent = new TreeSet<>();
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String key = "t" + (i % TOPICS) + "/object " + i + ".bin";
                String sequencer = String.format("%018X", 0x20000L + i);
                sent.add(EventLedger.eventId(bucket.name(), ObjectKeys.encode(key), sequencer));
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(putEvent(bucket.name(), key, sequencer)).build());
                if (entries.size() == 10) {
                    List<SendMessageBatchRequestEntry> batch = List.copyOf(entries);
                    assertThat(sqs.sendMessageBatch(b -> b.queueUrl(queues.url()).entries(batch)).failed()).isEmpty();
                    entries.clear();
                }
            }

            // Only this bucket's publishes count: the function's init priming also calls Publish and PublishBatch
            // (to a topic name SNS refuses), and those must neither pass for the batch's nor be held.
            String topicPrefix = "crash-" + run + "-";
            snsGate.holdAfter(PASSING, request -> request.operation().startsWith("Publish")
                    && new String(request.body(), StandardCharsets.UTF_8).contains(topicPrefix));
            Map<String, String> environment = Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table,
                    "AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString(),
                    "AWS_ENDPOINT_URL_SNS", snsGate.endpoint().toString());
            Process first = startConsumer(moto.endpoint().toString(), queues, environment, "crash-consumer-1");
            Await.until("the consumer to be held by SNS in the middle of a batch", WAIT, () -> snsGate.stats().held() >= 1);
            int publishedBeforeTheCrash = subscriberOfTopic.values().stream().mapToInt(url -> AwsTestClients.messagesIn(sqs, url)).sum();

            first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block, no delete of the batch in hand
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(publishedBeforeTheCrash).as("notifications of the batch published before the crash")
                    .isBetween(PASSING, EVENTS - 1);
            assertThat(AwsTestClients.messagesIn(sqs, queues.url())).as("no message was deleted: all still queued or in flight")
                    .isEqualTo(EVENTS);

            snsGate.release();
            startConsumer(moto.endpoint().toString(), queues, environment, "crash-consumer-2");
            Await.until("every message to be done with", WAIT, () -> AwsTestClients.messagesIn(sqs, queues.url()) == 0);

            Map<String, Integer> deliveries = new HashMap<>();
            for (String url : subscriberOfTopic.values()) {
                for (String body : FanOutFaults.drain(sqs, url)) {
                    JsonNode s3 = JSON.readTree(body).path("Records").path(0).path("s3");
                    deliveries.merge(EventLedger.eventId(s3.path("bucket").path("name").asText(),
                            s3.path("object").path("key").asText(), s3.path("object").path("sequencer").asText()), 1, Integer::sum);
                }
            }
            List<String> deadLettered = FanOutFaults.drain(sqs, queues.deadLetterUrl());
            int duplicates = deliveries.values().stream().mapToInt(n -> n - 1).sum();
            Set<String> lost = new TreeSet<>(sent);
            lost.removeAll(deliveries.keySet());
            System.out.printf("crash mid-batch: %d events; consumer SIGKILLed after %d notifications of its batch were"
                    + " published (the next held); after restart: delivered %d/%d, duplicates %d, dead-lettered %d, lost %d%n",
                    EVENTS, publishedBeforeTheCrash, deliveries.size(), EVENTS, duplicates, deadLettered.size(), lost.size());

            assertThat(lost).as("lost").isEmpty();
            assertThat(deliveries.keySet()).isEqualTo(sent);
            assertThat(deadLettered).isEmpty();
            // What was published before the crash was published again with its batch, and nothing else twice.
            assertThat(duplicates).isEqualTo(publishedBeforeTheCrash);
        }
    }

    private static String putEvent(String bucket, String key, String sequencer) {
        return """
                {"eventName":"s3:ObjectCreated:Put","bucket":"%s","key":"%s","size":1,"eTag":"abc","sequencer":"%s",
                 "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDA","sourceIpAddress":"203.0.113.7",
                 "requestId":"REQ","hostId":"HOST"}""".formatted(bucket, key, sequencer);
    }

    /** Starts a consumer JVM from this JVM's class path and waits until it polls. */
    private Process startConsumer(String sqsEndpoint, ObjectEventQueuePoller.Queues queues, Map<String, String> environment,
            String name) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "reliability"));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FanOutConsumer.class.getName(), sqsEndpoint, queues.url(), queues.arn(), queues.deadLetterUrl(),
                queues.deadLetterArn(), logs.resolve(name + ".log").toString()))
                .redirectError(logs.resolve(name + ".stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("AWS_"));
        builder.environment().putAll(environment);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        ChildProcess consumer = ChildProcess.start(name, builder);
        consumers.add(consumer);
        String line = consumer.linesUntil("ready ", WAIT).get(0); // once the consumer polls
        assertThat(line).as("the consumer's first line (see target/reliability/%s.stderr)", name).startsWith("ready ");
        assertThat(Long.parseLong(line.substring("ready ".length()))).isEqualTo(consumer.pid());
        return consumer.process();
    }
}
