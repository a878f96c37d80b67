package dev.s3notifications.eventbridge;

import dev.s3notifications.aws.AwsErrors;
import dev.s3notifications.aws.Batches;
import dev.s3notifications.fanout.Delivery.BusEvent;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.RetryingDelivery.Attempt;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.fanout.Undelivered;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts object events on an EventBridge bus the way S3 does, in {@code PutEvents} calls of up to 10 entries and
 * 256 KB. Each entry has S3's {@code detail-type}, {@code detail}, {@code time} and {@code resources}; its
 * {@code source} cannot be S3's {@code aws.s3}, which EventBridge reserves for AWS (it refuses entries whose source
 * starts with {@code aws.}), so it is ours, set by {@code EVENT_SOURCE}; {@code account} and {@code region} are
 * filled in by EventBridge, as the fan-out's. Entries that fail inside the 200 answer with {@code InternalFailure} or
 * {@code ThrottlingException} are put again, and only those; other entry errors are refusals.
 * <a href="https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html">PutEvents</a>
 */
public final class EventBridgePublisher implements NotificationPublisher {
    static final int MAX_BATCH_ENTRIES = 10;
    /** The total size of one call's entries, as EventBridge counts it. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    /** What EventBridge counts for an entry's {@code Time}. */
    private static final int TIME_BYTES = 14;

    private final EventBridgeClient eventBridge;
    private final String source;
    private final int sourceBytes;
    private final RetryingDelivery delivery;

    /** @param source the {@code source} of every event put, e.g. {@code s3-bucket-notifications} */
    public EventBridgePublisher(EventBridgeClient eventBridge, String source) {
        this(eventBridge, source, RetryingDelivery.Retry.DEFAULT);
    }

    public EventBridgePublisher(EventBridgeClient eventBridge, String source, RetryingDelivery.Retry retry) {
        if (source.startsWith("aws.")) {
            throw new IllegalArgumentException("EventBridge refuses sources starting with aws., such as " + source);
        }
        this.eventBridge = eventBridge;
        this.source = source;
        this.sourceBytes = utf8(source);
        this.delivery = new RetryingDelivery(retry);
    }

    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        List<Undelivered> undelivered = new ArrayList<>();
        Batches.byAddress(notifications).forEach((bus, events) -> {
            for (List<Delivery> batch : Batches.split(events, MAX_BATCH_ENTRIES, MAX_BATCH_BYTES, this::bytes,
                    "EventBridge", undelivered)) {
                delivery.deliver(batch, pending -> put(bus, pending), undelivered);
            }
        });
        return undelivered;
    }

    private Attempt put(String bus, List<Delivery> batch) {
        List<PutEventsRequestEntry> entries = new ArrayList<>(batch.size());
        for (Delivery notification : batch) {
            BusEvent event = (BusEvent) notification;
            entries.add(PutEventsRequestEntry.builder().eventBusName(bus).source(source).detailType(event.detailType())
                    .detail(event.message()).time(event.time()).resources(event.resource())
                    .traceHeader(event.traceHeader()).build());
        }
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(b -> b.entries(entries));
        } catch (SdkException e) {
            return AwsErrors.failed(batch, e);
        }
        // The result entries stand in the order of the request's; a failed one has an error code instead of an id, and
        // one that is neither is left out, so that Batches.attempt counts it unanswered. Only InternalFailure is
        // EventBridge's own fault; throttling codes Batches.attempt retries by themselves.
        List<PutEventsResultEntry> results = response.entries();
        List<String> successful = new ArrayList<>();
        List<Batches.FailedEntry> failed = new ArrayList<>();
        for (int i = 0; i < Math.min(batch.size(), results.size()); i++) {
            PutEventsResultEntry result = results.get(i);
            if (result.errorCode() != null) {
                failed.add(new Batches.FailedEntry(Integer.toString(i), !"InternalFailure".equals(result.errorCode()),
                        result.errorCode(), result.errorMessage()));
            } else if (result.eventId() != null) {
                successful.add(Integer.toString(i));
            }
        }
        return Batches.attempt(batch, successful, failed, "EventBridge");
    }

    /** An entry's size as EventBridge counts it: its time, and the UTF-8 bytes of source, detail type, detail, resource. */
    private int bytes(Delivery notification) {
        BusEvent event = (BusEvent) notification;
        return TIME_BYTES + sourceBytes + utf8(event.detailType()) + utf8(event.message()) + utf8(event.resource());
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
