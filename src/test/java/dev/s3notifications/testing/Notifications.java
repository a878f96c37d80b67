package dev.s3notifications.testing;

import dev.s3notifications.fanout.Delivery.EventMessage;
import dev.s3notifications.fanout.Delivery.Origin;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.Destination;
import java.time.Instant;

/** Builds notifications for tests of the publishers. */
public final class Notifications {
    private Notifications() {
    }

    /** An event message for {@code address} (a topic, queue or function ARN), the only event of message {@code messageId}. */
    public static Delivery message(Destination.Kind kind, String address, String message, String messageId) {
        return new EventMessage(new Destination(kind, address), message, null, new Origin(messageId, 0, "configuration", "photos", Instant.parse("2026-11-22T10:15:30.123Z")));
    }

    public static Delivery toTopic(String topicArn, String message, String messageId) {
        return message(Destination.Kind.TOPIC, topicArn, message, messageId);
    }
}
