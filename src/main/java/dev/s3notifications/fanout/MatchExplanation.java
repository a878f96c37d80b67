package dev.s3notifications.fanout;

import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.message.S3EventBridgeEvent;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.NotificationConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why each configuration of a bucket matches an event or not, as the fan-out decides it ({@link NotificationIndex}):
 * the event type must be one the configuration selects, then the key as records carry it, URL-encoded
 * ({@link ObjectKeys}), must start with the prefix and end with the suffix, compared literally. For a configuration
 * that does not match, the first reason, with hints for the mistakes S3 users make most: a prefix written with a
 * leading slash, a filter value written raw where the key is compared encoded, a case that differs, a wildcard that
 * covers less than expected.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html">Filtering</a>
 */
public final class MatchExplanation {

    /**
     * One configuration's verdict.
     *
     * @param reason why it does not match, or null when it does
     * @param hints  what may have been meant, for a configuration that does not match
     */
    public record Verdict(DestinationConfiguration configuration, boolean matches, String reason, List<String> hints) {
    }

    /**
     * The whole answer for one event.
     *
     * @param encodedKey           the key as the filters see it
     * @param eventBridgeDetailType what the event is on EventBridge, when the bucket sends there and S3 sends this type
     */
    public record Explanation(EventType type, String key, String encodedKey, List<Verdict> verdicts, boolean eventBridge,
            String eventBridgeDetailType) {

        /** Whether anything gets the event: a configuration, or the EventBridge bus. */
        public boolean delivered() {
            return eventBridgeDetailType != null || verdicts.stream().anyMatch(Verdict::matches);
        }
    }

    private MatchExplanation() {
    }

    /** The verdict of every configuration of {@code configuration}, in its order, for an event on the raw {@code key}. */
    public static Explanation explain(NotificationConfiguration configuration, EventType type, String key) {
        String encodedKey = ObjectKeys.encode(key);
        List<Verdict> verdicts = new ArrayList<>();
        for (DestinationConfiguration destination : configuration.destinations()) {
            verdicts.add(verdict(destination, type, key, encodedKey));
        }
        String detailType = configuration.eventBridgeEnabled() ? S3EventBridgeEvent.detailType(type) : null;
        return new Explanation(type, key, encodedKey, verdicts, configuration.eventBridgeEnabled(), detailType);
    }

    private static Verdict verdict(DestinationConfiguration destination, EventType type, String key, String encodedKey) {
        if ((destination.eventMask() & type.bit()) == 0) {
            return new Verdict(destination, false, "the event " + type.s3Name() + " is not one it selects ("
                    + String.join(", ", destination.events()) + ")", eventHints(destination, type));
        }
        String prefix = destination.prefix();
        if (!encodedKey.startsWith(prefix)) {
            return new Verdict(destination, false, "the key as the filter sees it, " + encodedKey
                    + ", does not start with the prefix " + prefix, filterHints(prefix, key, encodedKey, true));
        }
        String suffix = destination.suffix();
        if (!encodedKey.endsWith(suffix)) {
            return new Verdict(destination, false, "the key as the filter sees it, " + encodedKey
                    + ", does not end with the suffix " + suffix, filterHints(suffix, key, encodedKey, false));
        }
        return new Verdict(destination, true, null, List.of());
    }

    private static List<String> eventHints(DestinationConfiguration destination, EventType type) {
        List<String> hints = new ArrayList<>();
        String family = type.s3Name().substring(0, type.s3Name().lastIndexOf(':') + 1);
        boolean lifecycleDeletion = type == EventType.LIFECYCLE_EXPIRATION_DELETE
                || type == EventType.LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED;
        if (lifecycleDeletion && destination.events().contains("s3:ObjectRemoved:*")) {
            hints.add("s3:ObjectRemoved:* covers deletions by a request only; lifecycle expirations are "
                    + "s3:LifecycleExpiration:*");
        } else if (!family.equals("s3:") && destination.events().stream().noneMatch(e -> e.startsWith(family))) {
            hints.add("to select every event of its family, add " + family + "*");
        }
        return hints;
    }

    /**
     * Hints for a filter value the key fails: what the value would have to be to match as probably meant.
     *
     * @param prefix whether {@code value} is the prefix (else the suffix)
     */
    private static List<String> filterHints(String value, String key, String encodedKey, boolean prefix) {
        List<String> hints = new ArrayList<>();
        if (prefix && value.startsWith("/") && !key.startsWith("/")) {
            hints.add("S3 keys have no leading slash: the prefix " + value + " never matches a key written without one;"
                    + " write " + value.substring(1));
        }
        String encodedValue = ObjectKeys.encode(value);
        if (!encodedValue.equals(value) && (prefix ? encodedKey.startsWith(encodedValue) : encodedKey.endsWith(encodedValue))) {
            hints.add("filters compare the key URL-encoded (a space is +, a + is %2B): write the "
                    + (prefix ? "prefix " : "suffix ") + encodedValue);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String lowerKey = encodedKey.toLowerCase(Locale.ROOT);
        if (!lower.equals(value.toUpperCase(Locale.ROOT)) && (prefix ? lowerKey.startsWith(lower) : lowerKey.endsWith(lower))) {
            hints.add("filters are case-sensitive: the key's " + (prefix ? "start" : "end") + " differs only in case");
        }
        if (value.contains("*") || value.contains("?")) {
            hints.add("filters are literal: * and ? in a value match only themselves, there are no wildcards");
        }
        return hints;
    }
}
