package dev.s3notifications.aws;

import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.RetryingDelivery.Attempt;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.fanout.Undelivered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The two halves of a batch call (SNS's {@code PublishBatch}, SQS's {@code SendMessageBatch}, EventBridge's
 * {@code PutEvents}): cutting notifications into calls within the service's limits, and reading an answer whose
 * entries succeed or fail one by one inside a 200, which the SDK never retries.
 */
public final class Batches {

    /** One failed entry, as both services report it. */
    public record FailedEntry(String id, Boolean senderFault, String code, String message) {
    }

    private Batches() {
    }

    /** Notifications by their destination's address (a topic, queue or bus gets calls of its own), in order. */
    public static Map<String, List<Delivery>> byAddress(List<Delivery> notifications) {
        Map<String, List<Delivery>> byAddress = new LinkedHashMap<>();
        for (Delivery notification : notifications) {
            byAddress.computeIfAbsent(notification.destination().address(), address -> new ArrayList<>()).add(notification);
        }
        return byAddress;
    }

    /**
     * Cuts notifications into calls of at most {@code maxEntries} entries and {@code maxBytes} bytes, in order; one
     * notification larger than a whole call can never be sent and is undelivered.
     *
     * @param size an entry's size as the service counts it
     */
    public static List<List<Delivery>> split(List<Delivery> notifications, int maxEntries, int maxBytes,
            ToIntFunction<Delivery> size, String service, List<Undelivered> undelivered) {
        List<List<Delivery>> batches = new ArrayList<>();
        List<Delivery> batch = new ArrayList<>(maxEntries);
        int bytes = 0;
        for (Delivery notification : notifications) {
            int entryBytes = size.applyAsInt(notification);
            if (entryBytes > maxBytes) {
                undelivered.add(RetryingDelivery.given(notification, new Undelivered.Cause("MessageTooLong",
                        "the message is larger than " + service + " accepts (" + entryBytes + " bytes)"), 0));
                continue;
            }
            if (batch.size() == maxEntries || bytes + entryBytes > maxBytes) {
                batches.add(batch);
                batch = new ArrayList<>(maxEntries);
                bytes = 0;
            }
            batch.add(notification);
            bytes += entryBytes;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /**
     * The outcome of a call whose entries were sent with their index in the batch as id. A failure the sender caused
     * is refused for good, unless its code says to slow down; any other failure, and an
     * entry the answer does not mention, is worth another attempt.
     */
    public static Attempt attempt(List<Delivery> batch, List<String> successfulIds, List<FailedEntry> failed,
            String service) {
        boolean[] answered = new boolean[batch.size()];
        for (String id : successfulIds) {
            answered[Integer.parseInt(id)] = true;
        }
        List<Delivery> refused = new ArrayList<>();
        List<Delivery> retryable = new ArrayList<>();
        Undelivered.Cause cause = null;
        for (FailedEntry failure : failed) {
            int index = Integer.parseInt(failure.id());
            answered[index] = true;
            cause = new Undelivered.Cause(failure.code(), failure.message());
            if (Boolean.TRUE.equals(failure.senderFault()) && !AwsErrors.isThrottlingCode(failure.code())) {
                refused.add(batch.get(index));
            } else {
                retryable.add(batch.get(index));
            }
        }
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i]) { // neither delivered nor failed: not known to be delivered, so try again
                retryable.add(batch.get(i));
                cause = cause == null ? new Undelivered.Cause("NoAnswer", service + " did not report on the entry") : cause;
            }
        }
        return refused.isEmpty() && retryable.isEmpty() ? Attempt.DONE : new Attempt(refused, retryable, cause);
    }
}
