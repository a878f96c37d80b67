package dev.s3notifications.event;

import dev.s3notifications.domain.DependencyUnavailableException;
import dev.s3notifications.domain.DestinationConfiguration;
import dev.s3notifications.logging.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers a batch of object-event queue messages: reads each message's events, finds the topic configurations
 * of each event's bucket that match it, and publishes one S3 event message per match. A message fails as a whole
 * if it cannot be read, if its bucket cannot be looked up, or if any of its notifications is not published; it
 * is then redelivered by the queue (and its already published notifications published again), until the queue
 * moves it to its dead-letter queue. Delivery is therefore at least once.
 */
public final class ObjectEventFanOut {
    private final ObjectEventReader reader;
    private final BucketNotificationsCache buckets;
    private final NotificationPublisher publisher;

    /** One queue message: its id (what a batch item failure names) and its body. */
    public record QueuedMessage(String messageId, String body) {
    }

    public ObjectEventFanOut(ObjectEventReader reader, BucketNotificationsCache buckets, NotificationPublisher publisher) {
        this.reader = reader;
        this.buckets = buckets;
        this.publisher = publisher;
    }

    /** Delivers what it can; returns the ids of the messages that failed, in batch order. */
    public Set<String> deliver(List<QueuedMessage> messages) {
        Set<String> failed = new LinkedHashSet<>();
        List<Notification> notifications = new ArrayList<>();
        int events = 0;
        for (QueuedMessage message : messages) {
            try {
                List<ObjectEvent> read = reader.read(message.body());
                if (read.isEmpty()) {
                    JsonLog.info("message carries no object event; nothing to deliver", "messageId", message.messageId());
                }
                events += read.size();
                notifications.addAll(notificationsFor(read, message.messageId()));
            } catch (InvalidObjectEventException e) {
                JsonLog.warn("rejected an object-event message; it goes to the dead-letter queue after its retries",
                        "messageId", message.messageId(), "reason", e.getMessage());
                failed.add(message.messageId());
            } catch (DependencyUnavailableException e) {
                JsonLog.warn("could not look up a bucket; the message will be retried",
                        "messageId", message.messageId(), "reason", e.getMessage());
                failed.add(message.messageId());
            } catch (RuntimeException e) { // a bug: fail this message only, and keep the evidence
                JsonLog.error("could not process an object-event message; it will be retried", e,
                        "messageId", message.messageId());
                failed.add(message.messageId());
            }
        }
        List<Notification> undelivered = notifications.isEmpty() ? List.of() : publisher.publish(notifications);
        for (Notification notification : undelivered) {
            failed.add(notification.sourceMessageId());
        }
        JsonLog.info("object events fanned out", "messages", Integer.toString(messages.size()),
                "events", Integer.toString(events), "notifications", Integer.toString(notifications.size()),
                "undelivered", Integer.toString(undelivered.size()), "failedMessages", Integer.toString(failed.size()));
        return orderedLike(messages, failed);
    }

    private List<Notification> notificationsFor(List<ObjectEvent> events, String messageId) {
        List<Notification> notifications = new ArrayList<>(events.size());
        for (ObjectEvent event : events) {
            Optional<BucketNotifications> bucket = buckets.find(event.bucket());
            if (bucket.isEmpty()) {
                continue; // no such bucket (any more): S3 sends nothing
            }
            String encodedKey = ObjectKeys.encode(event.key());
            for (DestinationConfiguration topic : bucket.get().topics().match(event.type(), encodedKey)) {
                notifications.add(new Notification(topic.arn(),
                        S3EventMessage.render(event, encodedKey, bucket.get().identity(), topic.id()), messageId));
            }
        }
        return notifications;
    }

    private static Set<String> orderedLike(List<QueuedMessage> messages, Set<String> failed) {
        if (failed.size() < 2) {
            return failed;
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (QueuedMessage message : messages) {
            if (failed.contains(message.messageId())) {
                ordered.add(message.messageId());
            }
        }
        return ordered;
    }
}
