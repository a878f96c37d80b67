package dev.s3notifications.fanout;

import dev.s3notifications.fanout.Delivery.BusEvent;
import dev.s3notifications.fanout.Delivery.EventMessage;
import dev.s3notifications.fanout.Delivery.Origin;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.message.InvalidObjectEventException;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.message.ObjectEventReader;
import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.message.S3EventBridgeEvent;
import dev.s3notifications.message.S3EventMessage;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.store.DependencyUnavailableException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers a batch of object-event queue messages: reads each message's events, finds the configurations of each
 * event's bucket that match it, and sends one S3 event message per match to its topic, queue or function, plus, when
 * the bucket has EventBridge on, the event to the EventBridge bus. A message fails as a whole if it cannot be read,
 * if its bucket cannot be looked up, or if any of its deliveries fails; the queue then hands it back, until it moves
 * it to its dead-letter queue. What was delivered of a failed message is written to the {@link DeliveryLog}, and
 * left out when the message comes back, so each destination gets each event independently of the others. Delivery
 * is at least once: a delivery whose answer was lost, or that the log could not record, is made again.
 */
public final class FanOut {
    private final ObjectEventReader reader;
    private final BucketNotificationsCache buckets;
    private final NotificationPublisher publisher;
    private final DeliveryLog deliveryLog;
    private final Destination eventBus;
    private final DeliveryListener listener;

    /**
     * One queue message: its id (what a batch item failure names), its body, and how many times the queue has handed
     * it out, this time included.
     */
    public record QueuedMessage(String messageId, String body, int receiveCount) {
        /** A message received for the first time. */
        public QueuedMessage(String messageId, String body) {
            this(messageId, body, 1);
        }
    }

    /**
     * @param eventBus the EventBridge bus that gets every event of the buckets that have EventBridge on
     * @param listener told what each batch delivered
     */
    public FanOut(ObjectEventReader reader, BucketNotificationsCache buckets, NotificationPublisher publisher,
            DeliveryLog deliveryLog, Destination eventBus, DeliveryListener listener) {
        if (eventBus.kind() != Destination.Kind.EVENT_BUS) {
            throw new IllegalArgumentException("not an event bus: " + eventBus);
        }
        this.reader = reader;
        this.buckets = buckets;
        this.publisher = publisher;
        this.deliveryLog = deliveryLog;
        this.eventBus = eventBus;
        this.listener = listener;
    }

    /** Delivers what it can; returns the ids of the messages that failed, in batch order. */
    public Set<String> deliver(List<QueuedMessage> messages) {
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Set<String>> alreadyDelivered = alreadyDelivered(messages);
        List<Delivery> notifications = new ArrayList<>();
        int events = 0;
        int skipped = 0;
        for (QueuedMessage message : messages) {
            try {
                List<ObjectEvent> read = reader.read(message.body());
                if (read.isEmpty()) {
                    JsonLog.info("message carries no object event; nothing to deliver", "messageId", message.messageId());
                }
                events += read.size();
                Set<String> done = alreadyDelivered.getOrDefault(message.messageId(), Set.of());
                for (Delivery notification : notificationsFor(read, message.messageId())) {
                    if (!done.isEmpty() && done.contains(deliveryKey(notification))) { // most messages are new
                        skipped++;
                    } else {
                        notifications.add(notification);
                    }
                }
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
        List<Undelivered> undelivered = notifications.isEmpty() ? List.of() : publisher.publish(notifications);
        for (Undelivered given : undelivered) {
            failed.add(given.notification().origin().messageId());
        }
        Map<Delivery, Undelivered> undeliveredByNotification = Undelivered.byNotification(undelivered);
        recordPartialDeliveries(notifications, undeliveredByNotification, failed);
        Map<String, Integer> receiveCounts = new HashMap<>();
        messages.forEach(message -> receiveCounts.put(message.messageId(), message.receiveCount()));
        try {
            listener.batchDelivered(new DeliveryListener.Report(notifications, undeliveredByNotification, receiveCounts,
                    failed));
        } catch (RuntimeException e) { // watching must never fail the batch
            JsonLog.error("a delivery listener failed", e);
        }
        JsonLog.info("object events fanned out", "messages", Integer.toString(messages.size()),
                "events", Integer.toString(events), "notifications", Integer.toString(notifications.size()),
                "alreadyDelivered", Integer.toString(skipped), "undelivered", Integer.toString(undelivered.size()),
                "failedMessages", Integer.toString(failed.size()));
        return orderedLike(messages, failed);
    }

    /** The deliveries recorded for the messages the queue has handed out before; none if the log cannot say. */
    private Map<String, Set<String>> alreadyDelivered(List<QueuedMessage> messages) {
        List<String> redelivered = new ArrayList<>();
        for (QueuedMessage message : messages) {
            if (message.receiveCount() > 1) {
                redelivered.add(message.messageId());
            }
        }
        if (redelivered.isEmpty()) {
            return Map.of();
        }
        try {
            return deliveryLog.delivered(redelivered);
        } catch (DependencyUnavailableException e) {
            JsonLog.warn("could not read the delivery log; redelivered messages are delivered whole",
                    "messages", Integer.toString(redelivered.size()), "reason", e.getMessage());
            return Map.of();
        }
    }

    /** Records, for each message that failed, what of it was delivered, so that it is not delivered again. */
    private void recordPartialDeliveries(List<Delivery> notifications, Map<Delivery, Undelivered> undelivered,
            Set<String> failed) {
        if (failed.isEmpty() || notifications.isEmpty()) {
            return;
        }
        Map<String, Set<String>> delivered = new HashMap<>();
        for (Delivery notification : notifications) {
            String messageId = notification.origin().messageId();
            if (failed.contains(messageId) && !undelivered.containsKey(notification)) {
                delivered.computeIfAbsent(messageId, id -> new HashSet<>()).add(deliveryKey(notification));
            }
        }
        if (delivered.isEmpty()) {
            return;
        }
        try {
            deliveryLog.record(delivered);
        } catch (DependencyUnavailableException e) {
            JsonLog.warn("could not write the delivery log; what was delivered of the failed messages will be delivered again",
                    "messages", Integer.toString(delivered.size()), "reason", e.getMessage());
        }
    }

    /**
     * Names a delivery among those of its message: the event's position, the configuration it matched (none for
     * EventBridge) and the destination. A configuration changed in between gives new names, so its deliveries are
     * made (again).
     */
    static String deliveryKey(Delivery notification) {
        Origin origin = notification.origin();
        return origin.eventIndex() + "|" + (origin.configurationId() == null ? "" : origin.configurationId()) + "|"
                + notification.destination();
    }

    private List<Delivery> notificationsFor(List<ObjectEvent> events, String messageId) {
        List<Delivery> notifications = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ObjectEvent event = events.get(i);
            Optional<BucketNotifications> found = buckets.find(event.bucket());
            if (found.isEmpty()) {
                continue; // no such bucket (any more): S3 sends nothing
            }
            BucketNotifications bucket = found.get();
            String encodedKey = ObjectKeys.encode(event.key());
            String traceHeader = event.context().traceHeader();
            for (DestinationConfiguration configuration : bucket.destinations().match(event.type(), encodedKey)) {
                notifications.add(new EventMessage(Destination.of(configuration),
                        S3EventMessage.render(event, encodedKey, bucket.identity(), configuration.id()), traceHeader,
                        new Origin(messageId, i, configuration.id(), event.bucket(), event.eventTime())));
            }
            String detailType = bucket.eventBridge() ? S3EventBridgeEvent.detailType(event.type()) : null;
            if (detailType != null) {
                notifications.add(new BusEvent(eventBus, detailType, S3EventBridgeEvent.detail(event, bucket.bucket()),
                        event.eventTime().truncatedTo(ChronoUnit.SECONDS), bucket.identity().arn(), traceHeader,
                        new Origin(messageId, i, null, event.bucket(), event.eventTime())));
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
