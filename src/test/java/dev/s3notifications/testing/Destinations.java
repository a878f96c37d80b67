package dev.s3notifications.testing;

import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import java.util.ArrayList;
import java.util.List;

/** Builds destination configurations for tests, as the validator stores them. */
public final class Destinations {
    private Destinations() {
    }

    public static DestinationConfiguration topic(String id, String topicArn, String prefix, String suffix, String... events) {
        return of(DestinationType.TOPIC, id, topicArn, prefix, suffix, events);
    }

    public static DestinationConfiguration queue(String id, String queueArn, String prefix, String suffix, String... events) {
        return of(DestinationType.QUEUE, id, queueArn, prefix, suffix, events);
    }

    public static DestinationConfiguration function(String id, String functionArn, String prefix, String suffix, String... events) {
        return of(DestinationType.FUNCTION, id, functionArn, prefix, suffix, events);
    }

    /** {@code prefix}/{@code suffix} null means no such rule; both null means no {@code Filter} at all. */
    public static DestinationConfiguration of(DestinationType type, String id, String arn, String prefix, String suffix,
            String... events) {
        List<FilterRule> rules = new ArrayList<>();
        if (prefix != null) {
            rules.add(new FilterRule(FilterRule.PREFIX, prefix));
        }
        if (suffix != null) {
            rules.add(new FilterRule(FilterRule.SUFFIX, suffix));
        }
        return new DestinationConfiguration(type, id, arn, List.of(events), rules.isEmpty() ? null : rules, null);
    }
}
