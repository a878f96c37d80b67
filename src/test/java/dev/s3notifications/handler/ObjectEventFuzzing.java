package dev.s3notifications.handler;

import static dev.s3notifications.testing.Destinations.topic;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.Destinations;
import dev.s3notifications.testing.ErrorLogLines;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.FuzzReport;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import dev.s3notifications.testing.SqsBatches;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One batch of hostile object-event messages at a time through the fan-out function ({@link FanOutHandler}
 * over the real reader, cache, index and renderer, with buckets in memory and a recording publisher). Each batch
 * ends with a control message, a valid event whose notifications are known. Per batch it checks:
 * <ul>
 * <li>no uncaught exception, and no line logged at ERROR (the fan-out's "a bug" path);
 * <li>batch item failures name only messages of the batch, each once;
 * <li>the control message is not failed and its notifications are published exactly as when it comes alone: a
 *     poisoned message never takes its neighbours down;
 * <li>every published message is S3's JSON, one record, naming a bucket, key and event of the batch's messages,
 *     from a message that was not failed... or was (a message fails as a whole when one of its notifications
 *     fails, so its other notifications may have gone out);
 * <li>a message that is not a JSON object is always failed, never acknowledged silently.
 * </ul>
 */
public final class ObjectEventFuzzing {
    static final String UNCAUGHT = "uncaught exceptions";
    static final String ERROR_LOGGED = "lines logged at ERROR (internal errors)";
    static final String FOREIGN_FAILURE = "batch item failures naming no message of the batch";
    static final String CONTROL_FAILED = "valid control messages failed or changed by their neighbours";
    static final String BAD_NOTIFICATION = "published messages that are not one S3 record";
    static final String GARBAGE_ACKNOWLEDGED = "non-JSON messages acknowledged";

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTROL = """
            {"eventName":"s3:ObjectCreated:Put","bucket":"photos","key":"images/control cat.jpg","size":2048,
             "eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"00CONTROL","eventTime":"2026-11-22T10:15:30.123Z",
             "requesterPrincipalId":"AWS:AIDAJDPLRKLG7UEXAMPLE","sourceIpAddress":"203.0.113.7","requestId":"C3D13FE58DE4C810",
             "hostId":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S"}""";

    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final RecordingNotificationPublisher publisher = new RecordingNotificationPublisher()
            .failing("arn:aws:sns:us-east-1:123456789012:refusing");
    private final FanOutHandler handler;
    private final List<String> controlNotifications;
    private final ErrorLogLines errorLines = new ErrorLogLines();
    final FuzzReport report;

    public ObjectEventFuzzing(String target) {
        report = new FuzzReport(target, UNCAUGHT, ERROR_LOGGED, FOREIGN_FAILURE, CONTROL_FAILED, BAD_NOTIFICATION,
                GARBAGE_ACKNOWLEDGED);
        // The buckets the seeds name, with overlapping kinds of configuration: filters, wildcards, a queue (skipped),
        // and a topic that refuses.
        for (String name : List.of("photos", "notifications-demo-bucket", "logs")) {
            Bucket bucket = new Bucket(name, "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
            store.create(bucket);
            store.putNotificationConfiguration(bucket, new NotificationConfiguration(List.of(
                    topic("images", "arn:aws:sns:us-east-1:123456789012:images", "images/", ".jpg", "s3:ObjectCreated:*"),
                    topic("removed", "arn:aws:sns:us-east-1:123456789012:removed", null, null, "s3:ObjectRemoved:*"),
                    topic("restore", "arn:aws:sns:us-east-1:123456789012:refusing", "archive/", null, "s3:ObjectRestore:*"),
                    topic("tagging", "arn:aws:sns:us-east-1:123456789012:tags", "", "", "s3:ObjectTagging:*"),
                    Destinations.queue("queue", "arn:aws:sqs:us-east-1:123456789012:q", "logs/", null, "s3:ObjectCreated:*")),
                    false));
        }
        handler = new FanOutHandler(FanOuts.of(store, publisher));
        JsonLog.redirect(errorLines.stream()); // until close(): the function's log lines are counted, not printed
        SQSBatchResponse alone = handler.handleRequest(event(List.of(CONTROL)), null);
        if (!alone.getBatchItemFailures().isEmpty() || publisher.published.size() != 1) {
            throw new IllegalStateException("the control message is not delivered on its own");
        }
        controlNotifications = publisher.published.stream().map(Delivery::message).toList();
        publisher.published.clear();
    }

    /** Gives the function's log back to standard output. */
    public void close() {
        JsonLog.redirect(System.out);
    }

    /** Sends {@code bodies} and the control message as one SQS batch; checks every invariant. */
    public void check(List<String> bodies) {
        report.input();
        List<String> all = new ArrayList<>(bodies);
        all.add(CONTROL);
        SQSEvent event = event(all);
        String controlId = "m" + (all.size() - 1);
        publisher.published.clear();
        long errorsBefore = errorLines.count();
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event, null);
        } catch (RuntimeException | Error e) {
            fail(UNCAUGHT, bodies, e.toString());
            return;
        }
        if (errorLines.count() > errorsBefore) {
            fail(ERROR_LOGGED, bodies, errorLines.last());
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || !id.matches("m\\d+") || Integer.parseInt(id.substring(1)) >= all.size() || !failed.add(id)) {
                fail(FOREIGN_FAILURE, bodies, String.valueOf(id));
            }
        }
        report.outcome("messages failed: " + Math.min(failed.size(), 10) + (failed.size() >= 10 ? "+" : "") + " of " + all.size());
        List<String> control = publisher.published.stream().filter(n -> n.origin().messageId().equals(controlId))
                .map(Delivery::message).toList();
        if (failed.contains(controlId) || !control.equals(controlNotifications)) {
            fail(CONTROL_FAILED, bodies, failed + " " + control);
        }
        for (int i = 0; i < bodies.size(); i++) {
            if (!isJsonObject(bodies.get(i)) && !failed.contains("m" + i)) {
                fail(GARBAGE_ACKNOWLEDGED, bodies, bodies.get(i));
            }
        }
        for (Delivery notification : publisher.published) {
            report.outcome("notifications published");
            try {
                JsonNode records = JSON.readTree(notification.message()).get("Records");
                JsonNode s3 = records.get(0).get("s3");
                if (records.size() != 1 || s3.get("bucket").get("name").asText().isEmpty()
                        || s3.get("object").get("key").asText().isEmpty() || records.get(0).get("eventName").asText().isEmpty()) {
                    fail(BAD_NOTIFICATION, bodies, notification.message());
                }
            } catch (IOException | RuntimeException e) {
                fail(BAD_NOTIFICATION, bodies, notification.message());
            }
        }
    }

    private static boolean isJsonObject(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    static SQSEvent event(List<String> bodies) {
        return SqsBatches.batch("m", 1, bodies);
    }

    private void fail(String invariant, List<String> bodies, String detail) {
        report.violation(invariant);
        StringBuilder shown = new StringBuilder();
        for (String body : bodies) {
            shown.append("\n  message: ").append(body, 0, Math.min(body.length(), 1000));
        }
        throw new AssertionError(invariant + shown + "\n  detail: " + (detail == null ? "" : detail.substring(0, Math.min(detail.length(), 2000))));
    }

}
