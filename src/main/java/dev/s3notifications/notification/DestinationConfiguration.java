package dev.s3notifications.notification;

import java.util.List;

/**
 * One {@code TopicConfiguration}, {@code QueueConfiguration} or {@code CloudFunctionConfiguration}.
 *
 * @param id             the configuration's Id; null only before validation, which assigns one
 * @param filterRules    the {@code Filter/S3Key} rules; null when the configuration has no {@code Filter}
 * @param invocationRole the legacy {@code CloudFunctionConfiguration/InvocationRole}, or null
 */
public record DestinationConfiguration(
        DestinationType type, String id, String arn, List<String> events, List<FilterRule> filterRules,
        String invocationRole) {

    public DestinationConfiguration {
        events = List.copyOf(events);
        filterRules = filterRules == null ? null : List.copyOf(filterRules);
    }

    public boolean hasFilter() {
        return filterRules != null;
    }

    /** The key prefix every matching key starts with; "" when there is no prefix rule. */
    public String prefix() {
        return ruleValue(true);
    }

    /** The key suffix every matching key ends with; "" when there is no suffix rule. */
    public String suffix() {
        return ruleValue(false);
    }

    /** The event types this configuration selects, as an {@link EventType} mask. */
    public long eventMask() {
        long mask = 0;
        for (String event : events) {
            mask |= EventType.selectorMask(event);
        }
        return mask;
    }

    public DestinationConfiguration withId(String newId) {
        return new DestinationConfiguration(type, newId, arn, events, filterRules, invocationRole);
    }

    public DestinationConfiguration withFilterRules(List<FilterRule> rules) {
        return new DestinationConfiguration(type, id, arn, events, rules, invocationRole);
    }

    private String ruleValue(boolean prefix) {
        if (filterRules != null) {
            for (FilterRule rule : filterRules) {
                if (prefix ? rule.isPrefix() : rule.isSuffix()) {
                    return rule.value();
                }
            }
        }
        return "";
    }
}
