package dev.s3notifications.fanout;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches what each batch delivered: the destinations' health, the fan-out's metrics. Told once per batch, after the
 * deliveries; it must not fail the batch, so it handles its own errors.
 */
public interface DeliveryListener {

    /** Listens to nothing. */
    DeliveryListener NONE = report -> { };

    /**
     * What one batch did.
     *
     * @param notifications  every delivery attempted, in order
     * @param undelivered    those that failed, with why, by notification ({@link Undelivered#byNotification})
     * @param receiveCounts  how often the queue has handed out each message of the batch, by message id
     * @param failedMessages the messages the batch reports failed: the queue hands them out again, or, past its
     *                       receive limit, moves them to the dead-letter queue
     */
    record Report(List<Delivery> notifications, Map<Delivery, Undelivered> undelivered, Map<String, Integer> receiveCounts,
            Set<String> failedMessages) {
    }

    void batchDelivered(Report report);

    /** Tells every listener, in order. */
    static DeliveryListener all(List<DeliveryListener> listeners) {
        return report -> listeners.forEach(listener -> listener.batchDelivered(report));
    }
}
