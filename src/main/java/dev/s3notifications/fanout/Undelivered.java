package dev.s3notifications.fanout;

/**
 * A notification that was not delivered, and the error that stopped it: the service's error code and message
 * (e.g. {@code AWS.SimpleQueueService.NonExistentQueue}), or the client's failure when no answer came.
 */
public record Undelivered(Delivery notification, Cause cause) {

    /** Why a delivery failed, as the service or the client said it. */
    public record Cause(String code, String message) {
        @Override
        public String toString() {
            return code + ": " + message;
        }
    }
}
