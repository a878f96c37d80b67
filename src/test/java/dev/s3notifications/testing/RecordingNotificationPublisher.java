package dev.s3notifications.testing;

import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.Undelivered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@link NotificationPublisher} that records what it publishes and fails every notification to chosen destinations. */
public final class RecordingNotificationPublisher implements NotificationPublisher {
    public final List<Delivery> published = new ArrayList<>();
    public final List<List<Delivery>> calls = new ArrayList<>();
    /** What a failing destination answers. */
    public static final Undelivered.Cause FAILURE = new Undelivered.Cause("InternalError", "failing on purpose");
    private final Set<String> failingTopics = new HashSet<>();

    /** From now on, every notification to this topic, queue, function or bus is undelivered. */
    public RecordingNotificationPublisher failing(String address) {
        failingTopics.add(address);
        return this;
    }

    /** From now on, every notification is delivered. */
    public RecordingNotificationPublisher healed() {
        failingTopics.clear();
        return this;
    }

    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        calls.add(List.copyOf(notifications));
        List<Undelivered> undelivered = new ArrayList<>();
        for (Delivery notification : notifications) {
            if (failingTopics.contains(notification.destination().address())) {
                undelivered.add(new Undelivered(notification, FAILURE));
            } else {
                published.add(notification);
            }
        }
        return undelivered;
    }
}
