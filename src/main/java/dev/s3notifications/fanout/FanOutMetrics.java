package dev.s3notifications.fanout;

import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.message.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out's CloudWatch metrics, as log lines in the Embedded Metric Format, which CloudWatch Logs turns into
 * metrics with no API call of ours: per kind of destination and batch, how many deliveries were made
 * ({@code Delivered}), failed ({@code Failed}), were attempts for a message the queue handed out before
 * ({@code Retried}), and failed for a message past its last receive, which the queue moves to its dead-letter queue
 * ({@code DeadLettered}); and {@code EventAge}, for each delivery, how long after the event it was made, whose
 * percentiles say how late notifications are. Written by hand, as the event messages are: the EMF libraries cost a
 * cold start 270 ms or more and a thousand classes for what is one line of JSON (docs/benchmarks.md).
 * <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">Embedded Metric Format</a>
 */
public final class FanOutMetrics implements DeliveryListener {
    /** The dimension every metric has. */
    public static final String DIMENSION = "DestinationKind";
    /** EMF takes at most this many values of one metric in one document. */
    static final int MAX_VALUES = 100;

    private final String namespace;
    private final int maxReceiveCount;
    private final Clock clock;

    /**
     * @param maxReceiveCount the object-events queue's redrive limit: a message failing on this receive is
     *                        dead-lettered
     */
    public FanOutMetrics(String namespace, int maxReceiveCount, Clock clock) {
        this.namespace = namespace;
        this.maxReceiveCount = maxReceiveCount;
        this.clock = clock;
    }

    /** One kind's counts and ages in a batch. */
    private static final class Tally {
        int delivered;
        int failed;
        int retried;
        int deadLettered;
        final List<Long> ages = new ArrayList<>();
    }

    @Override
    public void batchDelivered(Report report) {
        if (report.notifications().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<Destination.Kind, Tally> tallies = new EnumMap<>(Destination.Kind.class);
        for (Delivery notification : report.notifications()) {
            Tally tally = tallies.computeIfAbsent(notification.destination().kind(), kind -> new Tally());
            int receiveCount = report.receiveCounts().getOrDefault(notification.origin().messageId(), 1);
            if (receiveCount > 1) {
                tally.retried++;
            }
            if (report.undelivered().containsKey(notification)) {
                tally.failed++;
                if (receiveCount >= maxReceiveCount) {
                    tally.deadLettered++;
                }
            } else {
                tally.delivered++;
                tally.ages.add(Math.max(0, now.toEpochMilli() - notification.origin().eventTime().toEpochMilli()));
            }
        }
        tallies.forEach((kind, tally) -> {
            for (int from = 0; from == 0 || from < tally.ages.size(); from += MAX_VALUES) {
                List<Long> ages = tally.ages.subList(from, Math.min(from + MAX_VALUES, tally.ages.size()));
                JsonLog.line(from == 0 ? document(now, kind, tally, ages) : document(now, kind, null, ages));
            }
        });
    }

    /** One EMF document: the counts (when {@code tally} is given) and up to {@link #MAX_VALUES} ages. */
    private String document(Instant now, Destination.Kind kind, Tally tally, List<Long> ages) {
        StringBuilder json = new StringBuilder(512).append("{\"_aws\":{\"Timestamp\":").append(now.toEpochMilli())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonText.appendString(json, namespace);
        json.append(",\"Dimensions\":[[\"").append(DIMENSION).append("\"]],\"Metrics\":[");
        if (tally != null) {
            json.append("{\"Name\":\"Delivered\",\"Unit\":\"Count\"},{\"Name\":\"Failed\",\"Unit\":\"Count\"},")
                    .append("{\"Name\":\"Retried\",\"Unit\":\"Count\"},{\"Name\":\"DeadLettered\",\"Unit\":\"Count\"}")
                    .append(ages.isEmpty() ? "" : ",");
        }
        if (!ages.isEmpty()) {
            json.append("{\"Name\":\"EventAge\",\"Unit\":\"Milliseconds\"}");
        }
        json.append("]}]},\"").append(DIMENSION).append("\":\"").append(name(kind)).append('"');
        if (tally != null) {
            json.append(",\"Delivered\":").append(tally.delivered).append(",\"Failed\":").append(tally.failed)
                    .append(",\"Retried\":").append(tally.retried).append(",\"DeadLettered\":").append(tally.deadLettered);
        }
        if (!ages.isEmpty()) {
            json.append(",\"EventAge\":[");
            for (int i = 0; i < ages.size(); i++) {
                json.append(i == 0 ? "" : ",").append(ages.get(i));
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    /** The dimension's value: the kind as S3's configurations and EventBridge name it. */
    static String name(Destination.Kind kind) {
        return switch (kind) {
            case TOPIC -> "Topic";
            case QUEUE -> "Queue";
            case FUNCTION -> "Function";
            case EVENT_BUS -> "EventBridge";
        };
    }
}
