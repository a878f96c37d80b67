package dev.s3notifications.notification;

import java.util.List;

/**
 * A bucket's whole notification configuration: its destinations in document order, and whether events also go
 * to Amazon EventBridge. An empty configuration means notifications are off.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_NotificationConfiguration.html">NotificationConfiguration</a>
 */
public record NotificationConfiguration(List<DestinationConfiguration> destinations, boolean eventBridgeEnabled) {
    private static final NotificationConfiguration EMPTY = new NotificationConfiguration(List.of(), false);

    public NotificationConfiguration {
        destinations = List.copyOf(destinations);
    }

    public static NotificationConfiguration empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return destinations.isEmpty() && !eventBridgeEnabled;
    }

    public List<DestinationConfiguration> destinationsOf(DestinationType type) {
        return destinations.stream().filter(d -> d.type() == type).toList();
    }
}
