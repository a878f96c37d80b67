package dev.s3notifications.fanout;

import dev.s3notifications.logging.JsonLog;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Hands each notification to the publisher of its kind of destination: SNS, SQS, Lambda or EventBridge. */
public final class NotificationRouter implements NotificationPublisher {
    private static final Undelivered.Cause NO_PUBLISHER =
            new Undelivered.Cause("NoPublisher", "the function has no publisher for this kind of destination");

    private final Map<Destination.Kind, NotificationPublisher> publishers;

    public NotificationRouter(Map<Destination.Kind, NotificationPublisher> publishers) {
        this.publishers = new EnumMap<>(publishers);
    }

    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        Map<Destination.Kind, List<Delivery>> byKind = new EnumMap<>(Destination.Kind.class);
        for (Delivery notification : notifications) {
            byKind.computeIfAbsent(notification.destination().kind(), kind -> new ArrayList<>()).add(notification);
        }
        List<Undelivered> undelivered = new ArrayList<>();
        byKind.forEach((kind, batch) -> {
            NotificationPublisher publisher = publishers.get(kind);
            if (publisher == null) { // a wiring mistake, not the event's: keep the messages for a fixed deployment
                JsonLog.error("no publisher for a kind of destination; its notifications are undelivered", null,
                        "kind", kind.name(), "notifications", Integer.toString(batch.size()));
                batch.forEach(n -> undelivered.add(new Undelivered(n, NO_PUBLISHER)));
            } else {
                undelivered.addAll(publisher.publish(batch));
            }
        });
        return undelivered;
    }
}
