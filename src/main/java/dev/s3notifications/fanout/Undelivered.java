package dev.s3notifications.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A notification that was not delivered, and the error that stopped it: the service's error code and message
 * (e.g. {@code AWS.SimpleQueueService.NonExistentQueue}), or the client's failure when no answer came.
 */
public record Undelivered(Delivery notification, Cause cause) {

    /**
     * {@code undelivered} by their notification: one lookup per batch, shared by all that ask of each delivery whether
     * it failed. A lookup hashes the delivery's whole message, so a batch that failed nothing gets an empty map, which
     * answers without hashing.
     */
    public static Map<Delivery, Undelivered> byNotification(List<Undelivered> undelivered) {
        if (undelivered.isEmpty()) {
            return Map.of();
        }
        Map<Delivery, Undelivered> byNotification = new HashMap<>();
        undelivered.forEach(given -> byNotification.put(given.notification(), given));
        return byNotification;
    }

    /** Why a delivery failed, as the service or the client said it. */
    public record Cause(String code, String message) {
        @Override
        public String toString() {
            return code + ": " + message;
        }
    }
}
