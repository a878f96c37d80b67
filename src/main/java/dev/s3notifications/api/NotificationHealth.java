package dev.s3notifications.api;

import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealthLog;

/**
 * Where {@code ?notification-health} reads the destinations' health, and the EventBridge bus of buckets that send
 * there (which their configuration does not name).
 */
public record NotificationHealth(DestinationHealthLog log, Destination eventBus) {
    /** No health kept: every destination shows nothing recorded. */
    public static final NotificationHealth NONE =
            new NotificationHealth(DestinationHealthLog.NONE, new Destination(Destination.Kind.EVENT_BUS, "default"));
}
