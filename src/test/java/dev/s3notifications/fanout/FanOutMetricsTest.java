package dev.s3notifications.fanout;

import static dev.s3notifications.testing.Destinations.function;
import static dev.s3notifications.testing.Destinations.queue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.fanout.FanOut.QueuedMessage;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.memory.InMemoryDeliveryLog;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Embedded Metric Format lines the fan-out writes for a batch: names, dimension, units and values. */
class FanOutMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:35.123Z"); // 5 s after the events

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final InMemoryBucketStore buckets = new InMemoryBucketStore();
    private final RecordingNotificationPublisher publisher = new RecordingNotificationPublisher();
    private FanOut fanOut;

    @BeforeEach
    void fanOutWithMetrics() {
        Bucket photos = new Bucket("photos", "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
        buckets.create(photos);
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                queue("to-queue", QUEUE, "queued/", null, "s3:ObjectCreated:*"),
                function("to-function", FUNCTION, "raw/", null, "s3:ObjectCreated:*")), true));
        fanOut = new FanOut(new ObjectEventJson(), new BucketNotificationsCache(buckets, Duration.ofSeconds(5),
                System::nanoTime), publisher, new InMemoryDeliveryLog(), FanOuts.DEFAULT_BUS,
                new FanOutMetrics("S3BucketNotifications", 3, Clock.fixed(NOW, ZoneOffset.UTC)));
        JsonLog.redirect(new PrintStream(lines, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void logToStandardOutput() {
        JsonLog.redirect(System.out);
    }

    private static String put(String key) {
        return """
                {"eventName":"s3:ObjectCreated:Put","bucket":"photos","key":"%s","size":5,"eTag":"abc","sequencer":"0A",
                 "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDA","sourceIpAddress":"203.0.113.7",
                 "requestId":"REQ","hostId":"HOST"}""".formatted(key);
    }

    private Map<String, JsonNode> metricLines() throws Exception {
        Map<String, JsonNode> byKind = new HashMap<>();
        for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has("_aws")) {
                byKind.put(node.get("DestinationKind").asText(), node);
            }
        }
        return byKind;
    }

    @Test
    void writesOneDocumentPerKindWithCountsAndTheEventsAges() throws Exception {
        publisher.failing(FUNCTION);
        fanOut.deliver(List.of(new QueuedMessage("first", put("queued/a.jpg"), 1),
                new QueuedMessage("again", put("queued/b.jpg"), 2),
                new QueuedMessage("last-chance", put("raw/c.jpg"), 3)));

        Map<String, JsonNode> byKind = metricLines();
        assertThat(byKind).containsOnlyKeys("Queue", "Function", "EventBridge");
        JsonNode queue = byKind.get("Queue");
        JsonNode directive = queue.at("/_aws/CloudWatchMetrics/0");
        assertThat(queue.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo("S3BucketNotifications");
        assertThat(JSON.writeValueAsString(directive.get("Dimensions"))).isEqualTo("[[\"DestinationKind\"]]");
        List<String> metrics = new ArrayList<>();
        directive.get("Metrics").forEach(m -> metrics.add(m.get("Name").asText() + " " + m.get("Unit").asText()));
        assertThat(metrics).containsExactly("Delivered Count", "Failed Count", "Retried Count", "DeadLettered Count",
                "EventAge Milliseconds");
        assertThat(queue.get("Delivered").asInt()).isEqualTo(2);
        assertThat(queue.get("Failed").asInt()).isZero();
        assertThat(queue.get("Retried").asInt()).isEqualTo(1);
        assertThat(queue.get("EventAge")).hasSize(2).allSatisfy(age -> assertThat(age.asLong()).isEqualTo(5000));

        JsonNode function = byKind.get("Function");
        assertThat(function.get("Delivered").asInt()).isZero();
        assertThat(function.get("Failed").asInt()).isEqualTo(1);
        assertThat(function.get("DeadLettered").asInt()).as("failed on the queue's last receive").isEqualTo(1);
        assertThat(function.has("EventAge")).as("no delivery, no age").isFalse();
        assertThat(function.at("/_aws/CloudWatchMetrics/0/Metrics")).hasSize(4);

        assertThat(byKind.get("EventBridge").get("Delivered").asInt()).isEqualTo(3);
    }

    @Test
    void moreThanAHundredAgesGoOnFurtherDocumentsOfAgesOnly() throws Exception {
        buckets.putNotificationConfiguration(buckets.find("photos").orElseThrow().bucket(),
                new NotificationConfiguration(List.of(), true));
        List<QueuedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            messages.add(new QueuedMessage("m" + i, put("k" + i)));
        }
        fanOut = new FanOut(new ObjectEventJson(), new BucketNotificationsCache(buckets, Duration.ZERO,
                System::nanoTime), publisher, new InMemoryDeliveryLog(), FanOuts.DEFAULT_BUS,
                new FanOutMetrics("S3BucketNotifications", 3, Clock.fixed(NOW, ZoneOffset.UTC)));
        fanOut.deliver(messages);

        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has("_aws")) {
                documents.add(node);
            }
        }
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).get("Delivered").asInt()).isEqualTo(150);
        assertThat(documents.get(0).get("EventAge")).hasSize(100);
        assertThat(documents.get(1).has("Delivered")).isFalse();
        assertThat(documents.get(1).get("EventAge")).hasSize(50);
        assertThat(documents.get(1).at("/_aws/CloudWatchMetrics/0/Metrics")).hasSize(1);
    }
}
