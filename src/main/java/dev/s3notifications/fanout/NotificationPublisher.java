package dev.s3notifications.fanout;

import java.util.List;

/** Delivers notifications to their destinations: one implementation per AWS service, and a router over them. */
public interface NotificationPublisher {

    /**
     * Delivers every notification it can, retrying what is worth retrying.
     *
     * @return the notifications that were not delivered, with why, in no particular order; empty when all were
     */
    List<Undelivered> publish(List<Delivery> notifications);
}
