package dev.s3notifications.event;

import java.util.List;

/** Publishes S3 event messages to their topics. */
public interface NotificationPublisher {

    /**
     * Publishes every notification it can, retrying what is worth retrying.
     *
     * @return the notifications that were not published, in no particular order; empty when all were
     */
    List<Notification> publish(List<Notification> notifications);
}
