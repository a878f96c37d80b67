package dev.s3notifications.fanout;

import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationIndexTest {
    private static final String T = "arn:aws:sns:eu-west-1:123456789012:t";

    /** One configuration per wildcard family and some single event types, no filters. */
    private static final NotificationIndex BY_EVENT = NotificationIndex.of(List.of(
            topic("created", T, null, null, "s3:ObjectCreated:*"),
            topic("removed-delete", T, null, null, "s3:ObjectRemoved:Delete"),
            topic("expiration", T, null, null, "s3:LifecycleExpiration:*"),
            topic("tagging-put", T, null, null, "s3:ObjectTagging:Put"),
            topic("restore", T, null, null, "s3:ObjectRestore:*", "s3:ReducedRedundancyLostObject")));

    static Stream<Arguments> byEventType() {
        return Stream.of(
                Arguments.of("s3:ObjectCreated:Put", List.of("created")),
                Arguments.of("s3:ObjectCreated:Post", List.of("created")),
                Arguments.of("s3:ObjectCreated:Copy", List.of("created")),
                Arguments.of("s3:ObjectCreated:CompleteMultipartUpload", List.of("created")),
                Arguments.of("s3:ObjectRemoved:Delete", List.of("removed-delete")),
                Arguments.of("s3:ObjectRemoved:DeleteMarkerCreated", List.of()),
                Arguments.of("s3:LifecycleExpiration:Delete", List.of("expiration")),          // not ObjectRemoved:*
                Arguments.of("s3:LifecycleExpiration:DeleteMarkerCreated", List.of("expiration")),
                Arguments.of("s3:LifecycleTransition", List.of()),
                Arguments.of("s3:ObjectTagging:Put", List.of("tagging-put")),
                Arguments.of("s3:ObjectTagging:Delete", List.of()),
                Arguments.of("s3:ObjectAcl:Put", List.of()),
                Arguments.of("s3:ObjectRestore:Post", List.of("restore")),
                Arguments.of("s3:ObjectRestore:Completed", List.of("restore")),
                Arguments.of("s3:ObjectRestore:Delete", List.of("restore")),
                Arguments.of("s3:ReducedRedundancyLostObject", List.of("restore")),
                Arguments.of("s3:Replication:OperationFailedReplication", List.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("byEventType")
    void wildcardsSelectExactlyTheirFamily(String eventName, List<String> expectedIds) {
        assertThat(ids(BY_EVENT.match(EventType.fromS3Name(eventName), "any/key.txt"))).isEqualTo(expectedIds);
    }

    /**
     * Deliberately overlapping configurations (S3's validator would refuse some of these pairs): the index finds
     * every configuration that matches, in configuration order, whatever the stored document holds.
     */
    private static final NotificationIndex BY_KEY = NotificationIndex.of(List.of(
            topic("jpg-images", T, "images/", ".jpg", "s3:ObjectCreated:*"),
            topic("png-images", T, "images/", ".png", "s3:ObjectCreated:*"),
            topic("logs", T, "logs/", null, "s3:ObjectCreated:Put"),
            topic("csv-anywhere", T, null, ".csv", "s3:ObjectCreated:*", "s3:ObjectRemoved:*"),
            topic("spaced", T, "my+photos/", null, "s3:ObjectCreated:*"),
            topic("raw-space", T, "my photos/", null, "s3:ObjectCreated:*"),
            topic("partition", T, "dt%3D2026/", "_SUCCESS", "s3:ObjectCreated:*"),
            topic("at-sign", T, "a%40b", null, "s3:ObjectCreated:*"),
            topic("unicode", T, "caf%C3%A9/", null, "s3:ObjectCreated:*"),
            topic("prefix-meets-suffix", T, "ab", "bc", "s3:ObjectCreated:*"),
            topic("empty-rules", T, "", "", "s3:ObjectTagging:*"),
            topic("everything-removed", T, null, null, "s3:ObjectRemoved:*")));

    static Stream<Arguments> byKey() {
        return Stream.of(
                Arguments.of("s3:ObjectCreated:Put", "images/cat.jpg", List.of("jpg-images")),
                Arguments.of("s3:ObjectCreated:Copy", "images/cat.png", List.of("png-images")),
                Arguments.of("s3:ObjectCreated:Put", "images/cat.gif", List.of()),
                Arguments.of("s3:ObjectCreated:Put", "Images/cat.jpg", List.of()),              // case-sensitive
                Arguments.of("s3:ObjectCreated:Put", "images/.jpg", List.of("jpg-images")),
                Arguments.of("s3:ObjectCreated:Put", "logs/", List.of("logs")),                 // prefix = whole key
                Arguments.of("s3:ObjectCreated:Post", "logs/app.log", List.of()),               // logs selects Put only
                Arguments.of("s3:ObjectCreated:Put", "logs/report.csv", List.of("logs", "csv-anywhere")),
                Arguments.of("s3:ObjectRemoved:Delete", "logs/report.csv", List.of("csv-anywhere", "everything-removed")),
                Arguments.of("s3:ObjectCreated:Put", ".csv", List.of("csv-anywhere")),          // suffix = whole key
                Arguments.of("s3:ObjectCreated:Put", "my photos/cat.jpg", List.of("spaced")),   // filters compare encoded
                Arguments.of("s3:ObjectCreated:Put", "my+photos/cat.jpg", List.of()),           // a real '+' is %2B
                Arguments.of("s3:ObjectCreated:Put", "dt=2026/_SUCCESS", List.of("partition")),
                Arguments.of("s3:ObjectCreated:Put", "dt=2026/_SUCCESS.tmp", List.of()),
                Arguments.of("s3:ObjectCreated:Put", "a@b/c", List.of("at-sign")),
                Arguments.of("s3:ObjectCreated:Put", "café/menu", List.of("unicode")),
                Arguments.of("s3:ObjectCreated:Put", "abc", List.of("prefix-meets-suffix")),    // prefix and suffix overlap in the key
                Arguments.of("s3:ObjectCreated:Put", "ab", List.of()),
                Arguments.of("s3:ObjectTagging:Delete", "anything", List.of("empty-rules")),
                Arguments.of("s3:ObjectAcl:Put", "images/cat.jpg", List.of()));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("byKey")
    void prefixesAndSuffixesAreLiteralOnTheEncodedKey(String eventName, String rawKey, List<String> expectedIds) {
        assertThat(ids(BY_KEY.match(EventType.fromS3Name(eventName), ObjectKeys.encode(rawKey)))).isEqualTo(expectedIds);
    }

    @Test
    void anEmptyConfigurationMatchesNothing() {
        NotificationIndex empty = NotificationIndex.of(List.of());
        assertThat(empty.size()).isZero();
        assertThat(empty.match(EventType.OBJECT_CREATED_PUT, "k")).isEmpty();
    }

    @Test
    void agreesWithALinearScanOnRandomConfigurations() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            int count = round < 30 ? 1 + random.nextInt(100) : 10_000;
            List<DestinationConfiguration> destinations = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String[] events = random.ints(1 + random.nextInt(2), 0, SELECTORS.length)
                        .mapToObj(j -> SELECTORS[j]).distinct().toArray(String[]::new);
                destinations.add(topic("c" + i, T, random.nextInt(4) == 0 ? null : word(random, 4),
                        random.nextInt(3) == 0 ? null : word(random, 3), events));
            }
            NotificationIndex index = NotificationIndex.of(destinations);
            for (int k = 0; k < 300; k++) {
                String key = word(random, 9);
                EventType type = EventType.values()[random.nextInt(EventType.values().length)];
                assertThat(ids(index.match(type, key))).as("%s %s in round %d", type, key, round)
                        .isEqualTo(ids(linearScan(destinations, type, key)));
            }
        }
    }

    private static final String[] SELECTORS = {"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectRemoved:*",
            "s3:ObjectRemoved:Delete", "s3:ObjectTagging:*", "s3:LifecycleTransition"};

    /** A short word over a tiny alphabet, so that prefixes and suffixes collide often. */
    private static String word(Random random, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = "ab/%".charAt(random.nextInt(4));
        }
        return new String(chars);
    }

    private static List<DestinationConfiguration> linearScan(List<DestinationConfiguration> all, EventType type, String key) {
        return all.stream().filter(d -> (d.eventMask() & type.bit()) != 0
                && key.startsWith(d.prefix()) && key.endsWith(d.suffix())).toList();
    }

    private static List<String> ids(List<DestinationConfiguration> destinations) {
        return destinations.stream().map(DestinationConfiguration::id).toList();
    }

    @Test
    void leavesOutConfigurationsWithoutAKnownEvent() {
        NotificationIndex index = NotificationIndex.of(Arrays.asList(
                topic("known", T, null, null, "s3:ObjectCreated:Put"),
                topic("unknown", T, null, null, "s3:ObjectCreated")));
        assertThat(index.size()).isEqualTo(1);
    }
}
