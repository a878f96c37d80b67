package dev.s3notifications.event;

import java.util.List;

/** Delivers notifications to their destinations: one implementation per AWS service, and a router over them. */
public interface NotificationPublisher {

    /**
     * Delivers every notification it can, retrying what is worth retrying.
     *
     * @return the notifications that were not delivered, in no particular order; empty when all were
     */
    List<Notification> publish(List<Notification> notifications);
}
