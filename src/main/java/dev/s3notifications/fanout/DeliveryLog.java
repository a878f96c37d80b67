package dev.s3notifications.fanout;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The deliveries already made for queue messages that failed in part, so that when the queue hands such a message
 * back only what is still missing is delivered: a queue that refused an event does not make the topic that took it
 * receive it again. Consulted only for messages received before, written only for messages that fail; a message
 * delivered whole costs nothing here. Losing what it holds only costs duplicates, never events.
 */
public interface DeliveryLog {

    /** A log that remembers nothing: every redelivered message is delivered whole again. */
    DeliveryLog NONE = new DeliveryLog() {
        @Override
        public Map<String, Set<String>> delivered(Collection<String> messageIds) {
            return Map.of();
        }

        @Override
        public void record(Map<String, Set<String>> deliveredByMessage) {
        }
    };

    /**
     * The deliveries recorded for each of these messages, by message id; a message without any is left out.
     *
     * @throws dev.s3notifications.store.DependencyUnavailableException when the log cannot answer
     */
    Map<String, Set<String>> delivered(Collection<String> messageIds);

    /**
     * Adds these deliveries, by message id, to what is recorded.
     *
     * @throws dev.s3notifications.store.DependencyUnavailableException when the log cannot be written
     */
    void record(Map<String, Set<String>> deliveredByMessage);
}
