package dev.s3notifications.notification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Checks a parsed notification configuration the way S3 does, and returns it normalised: filter rule names as
 * {@code Prefix}/{@code Suffix}, and an Id for every configuration that came without one. Checks run in S3's
 * order: the number of configurations, then each configuration's form in document order (ARN, region, events,
 * filter, Id), then Ids across configurations, then overlaps. Destination existence is not checked here.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html">Filtering rules</a>
 */
public final class NotificationConfigurationValidator {

    /** S3's limits; the configuration count may be raised for benchmarks. */
    public record Limits(int maxConfigurations, int maxFilterValueLength, int maxIdLength) {
        public static final Limits S3 = new Limits(100, 1024, 255);
    }

    static final String ARN_NOT_PARSED = "The ARN could not be parsed";
    static final String REGION_NOT_VALID =
            "The notification destination service region is not valid for the bucket location constraint";
    static final String EVENT_NOT_SUPPORTED = "The event is not supported for notifications";
    static final String FILTER_RULE_NAME = "filter rule name must be either prefix or suffix";
    static final String DUPLICATE_PREFIX = "Cannot specify more than one prefix rule in a filter.";
    static final String DUPLICATE_SUFFIX = "Cannot specify more than one suffix rule in a filter.";
    static final String DUPLICATE_ID = "Same ID used for multiple configurations. IDs must be unique.";
    static final String OVERLAP_NO_FILTERS =
            "Configurations overlap. Configurations on the same bucket cannot share a common event type.";
    static final String OVERLAP_FILTERS = "Configuration is ambiguously defined. Cannot have overlapping suffixes"
            + " in two rules if the prefixes are overlapping for the same event type.";

    private final Limits limits;
    private final Supplier<String> idGenerator;

    public NotificationConfigurationValidator() {
        this(Limits.S3, NotificationConfigurationValidator::generateId);
    }

    public NotificationConfigurationValidator(Limits limits, Supplier<String> idGenerator) {
        this.limits = limits;
        this.idGenerator = idGenerator;
    }

    /**
     * The Id S3 gives a configuration that has none: the base64 of a random UUID's text, 48 characters
     * (seen in real events, e.g. {@code NWIxNzFhZjUtYjNiOC00OTQ0LTlkODctYzhhYWMwZjAyNTRk}).
     */
    public static String generateId() {
        return Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The normalised configuration.
     *
     * @param bucketRegion the region of the bucket; destinations must be in the same region
     * @throws InvalidNotificationConfigurationException for the first rule the configuration breaks
     */
    public NotificationConfiguration validate(NotificationConfiguration configuration, String bucketRegion) {
        List<DestinationConfiguration> destinations = configuration.destinations();
        if (destinations.size() > limits.maxConfigurations()) {
            throw InvalidNotificationConfigurationException.forArgument(
                    "The number of notification configurations cannot exceed " + limits.maxConfigurations() + ".",
                    "NotificationConfiguration", Integer.toString(destinations.size()));
        }
        List<DestinationConfiguration> normalised = new ArrayList<>(destinations.size());
        for (DestinationConfiguration destination : destinations) {
            checkArn(destination, bucketRegion);
            checkEvents(destination);
            DestinationConfiguration withRules = destination.hasFilter()
                    ? destination.withFilterRules(normaliseFilterRules(destination.filterRules()))
                    : destination;
            checkId(withRules);
            normalised.add(withRules);
        }
        checkUniqueIds(normalised);
        normalised.replaceAll(d -> d.id() == null ? d.withId(idGenerator.get()) : d);
        checkNoOverlap(normalised);
        return new NotificationConfiguration(normalised, configuration.eventBridgeEnabled());
    }

    private static void checkArn(DestinationConfiguration destination, String bucketRegion) {
        DestinationType type = destination.type();
        Arn arn = Arn.parse(destination.arn());
        if (arn == null || !arn.service().equals(type.arnService())
                || (type == DestinationType.FUNCTION && !arn.resource().startsWith("function:"))) {
            throw InvalidNotificationConfigurationException.forArgument(
                    ARN_NOT_PARSED, type.arnElementName(), destination.arn());
        }
        if (!arn.region().equals(bucketRegion) || !arn.partition().equals(Arn.partitionOf(bucketRegion))) {
            throw InvalidNotificationConfigurationException.forArgument(
                    REGION_NOT_VALID, type.arnElementName(), destination.arn());
        }
    }

    private static void checkEvents(DestinationConfiguration destination) {
        for (String event : destination.events()) {
            if (EventType.selectorMask(event) == 0) {
                throw InvalidNotificationConfigurationException.forArgument(EVENT_NOT_SUPPORTED, "Event", event);
            }
        }
    }

    private List<FilterRule> normaliseFilterRules(List<FilterRule> rules) {
        List<FilterRule> normalised = new ArrayList<>(rules.size());
        boolean seenPrefix = false;
        boolean seenSuffix = false;
        for (FilterRule rule : rules) {
            String name;
            if (rule.isPrefix()) {
                if (seenPrefix) {
                    throw InvalidNotificationConfigurationException.forArgument(
                            DUPLICATE_PREFIX, "FilterRule.Name", rule.name());
                }
                seenPrefix = true;
                name = FilterRule.PREFIX;
            } else if (rule.isSuffix()) {
                if (seenSuffix) {
                    throw InvalidNotificationConfigurationException.forArgument(
                            DUPLICATE_SUFFIX, "FilterRule.Name", rule.name());
                }
                seenSuffix = true;
                name = FilterRule.SUFFIX;
            } else {
                throw InvalidNotificationConfigurationException.forArgument(
                        FILTER_RULE_NAME, "FilterRule.Name", rule.name());
            }
            if (rule.value().length() > limits.maxFilterValueLength()) {
                throw InvalidNotificationConfigurationException.forArgument(
                        "The filter rule value cannot be longer than " + limits.maxFilterValueLength()
                                + " characters.", "FilterRule.Value", rule.value());
            }
            normalised.add(new FilterRule(name, rule.value()));
        }
        return normalised;
    }

    private void checkId(DestinationConfiguration destination) {
        if (destination.id() != null && destination.id().length() > limits.maxIdLength()) {
            throw InvalidNotificationConfigurationException.forArgument(
                    "ID length should not exceed allowed limit of " + limits.maxIdLength(), "Id", destination.id());
        }
    }

    private static void checkUniqueIds(List<DestinationConfiguration> destinations) {
        Set<String> seen = new HashSet<>();
        for (DestinationConfiguration destination : destinations) {
            if (destination.id() != null && !seen.add(destination.id())) {
                throw InvalidNotificationConfigurationException.forArgument(DUPLICATE_ID, "Id", destination.id());
            }
        }
    }

    /**
     * Two configurations may not both match one event: S3 rejects a pair whose event types intersect (a wildcard
     * intersects each of its members) while one's prefix starts the other's and one's suffix ends the other's.
     * A missing prefix or suffix rule is "" and so overlaps everything.
     */
    private static void checkNoOverlap(List<DestinationConfiguration> destinations) {
        int n = destinations.size();
        long[] masks = new long[n];
        for (int i = 0; i < n; i++) {
            masks[i] = destinations.get(i).eventMask();
        }
        for (int i = 0; i < n; i++) {
            DestinationConfiguration a = destinations.get(i);
            for (int j = i + 1; j < n; j++) {
                if ((masks[i] & masks[j]) == 0) {
                    continue;
                }
                DestinationConfiguration b = destinations.get(j);
                if (overlap(a.prefix(), b.prefix(), true) && overlap(a.suffix(), b.suffix(), false)) {
                    String events = firstIntersectingEvent(a, masks[j]) + ", " + firstIntersectingEvent(b, masks[i]);
                    String message = a.hasFilter() || b.hasFilter() ? OVERLAP_FILTERS : OVERLAP_NO_FILTERS;
                    throw InvalidNotificationConfigurationException.forArgument(message, "Event", events);
                }
            }
        }
    }

    private static boolean overlap(String x, String y, boolean prefixes) {
        return prefixes ? x.startsWith(y) || y.startsWith(x) : x.endsWith(y) || y.endsWith(x);
    }

    private static String firstIntersectingEvent(DestinationConfiguration destination, long otherMask) {
        for (String event : destination.events()) {
            if ((EventType.selectorMask(event) & otherMask) != 0) {
                return event;
            }
        }
        throw new IllegalStateException("masks intersect but no event does");
    }
}
