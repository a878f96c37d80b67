package dev.s3notifications.fanout;

import static dev.s3notifications.testing.Destinations.queue;
import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.NotificationConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchExplanationTest {
    private static final String T = "arn:aws:sns:us-east-1:123456789012:t";

    private static MatchExplanation.Verdict only(DestinationConfiguration destination, EventType type, String key) {
        return MatchExplanation.explain(new NotificationConfiguration(List.of(destination), false), type, key).verdicts().get(0);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a prefix written with a leading slash", topic("c", T, "/images/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "images/cat.jpg", false,
                        "the key as the filter sees it, images/cat.jpg, does not start with the prefix /images/",
                        "S3 keys have no leading slash: the prefix /images/ never matches a key written without one; write images/"),
                Arguments.of("a space in the key is + in the filter's eyes", topic("c", T, "my photos/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "my photos/cat.jpg", false,
                        "the key as the filter sees it, my+photos/cat.jpg, does not start with the prefix my photos/",
                        "filters compare the key URL-encoded (a space is +, a + is %2B): write the prefix my+photos/"),
                Arguments.of("the prefix written encoded matches a key with a space", topic("c", T, "my+photos/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "my photos/cat.jpg", true, null, null),
                Arguments.of("a + in the key is %2B", topic("c", T, "c++/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "c++/main.cpp", false,
                        "the key as the filter sees it, c%2B%2B/main.cpp, does not start with the prefix c++/",
                        "filters compare the key URL-encoded (a space is +, a + is %2B): write the prefix c%2B%2B/"),
                Arguments.of("a key with %2B in it is encoded again", topic("c", T, "a%2Bb/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "a%2Bb/x", false,
                        "the key as the filter sees it, a%252Bb/x, does not start with the prefix a%2Bb/",
                        "filters compare the key URL-encoded (a space is +, a + is %2B): write the prefix a%252Bb/"),
                Arguments.of("unicode keys are UTF-8 percent-encoded", topic("c", T, "café/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "café/menu.pdf", false,
                        "the key as the filter sees it, caf%C3%A9/menu.pdf, does not start with the prefix café/",
                        "filters compare the key URL-encoded (a space is +, a + is %2B): write the prefix caf%C3%A9/"),
                Arguments.of("a suffix-only rule", topic("c", T, null, ".jpg", "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "any/where/cat.JPG", false,
                        "the key as the filter sees it, any/where/cat.JPG, does not end with the suffix .jpg",
                        "filters are case-sensitive: the key's end differs only in case"),
                Arguments.of("a prefix-only rule matches whatever the end", topic("c", T, "logs/", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_COPY, "logs/2026/12/06.gz", true, null, null),
                Arguments.of("filters have no wildcards", topic("c", T, "images/*", null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_PUT, "images/cat.jpg", false,
                        "the key as the filter sees it, images/cat.jpg, does not start with the prefix images/*",
                        "filters are literal: * and ? in a value match only themselves, there are no wildcards"),
                Arguments.of("ObjectRemoved:* does not cover lifecycle expirations", topic("c", T, null, null, "s3:ObjectRemoved:*"),
                        EventType.LIFECYCLE_EXPIRATION_DELETE, "old.log", false,
                        "the event s3:LifecycleExpiration:Delete is not one it selects (s3:ObjectRemoved:*)",
                        "s3:ObjectRemoved:* covers deletions by a request only; lifecycle expirations are s3:LifecycleExpiration:*"),
                Arguments.of("a single event type does not cover its family", topic("c", T, null, null, "s3:ObjectCreated:Put"),
                        EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD, "big.bin", false,
                        "the event s3:ObjectCreated:CompleteMultipartUpload is not one it selects (s3:ObjectCreated:Put)",
                        null),
                Arguments.of("a family's wildcard covers its members", topic("c", T, null, null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD, "big.bin", true, null, null),
                Arguments.of("another family entirely", queue("c", T, null, null, "s3:ObjectCreated:*"),
                        EventType.OBJECT_TAGGING_PUT, "a", false,
                        "the event s3:ObjectTagging:Put is not one it selects (s3:ObjectCreated:*)",
                        "to select every event of its family, add s3:ObjectTagging:*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explainsTheFirstReasonAndHintsAtWhatWasMeant(String name, DestinationConfiguration destination, EventType type,
            String key, boolean matches, String reason, String hint) {
        MatchExplanation.Verdict verdict = only(destination, type, key);
        assertThat(verdict.matches()).isEqualTo(matches);
        assertThat(verdict.reason()).isEqualTo(reason);
        if (hint == null) {
            assertThat(verdict.hints()).isEmpty();
        } else {
            assertThat(verdict.hints()).contains(hint);
        }
    }

    @Test
    void eventBridgeGetsEveryEventItKnowsWhateverTheConfigurationsSay() {
        var configuration = new NotificationConfiguration(List.of(topic("c", T, "images/", null, "s3:ObjectCreated:*")), true);
        var explanation = MatchExplanation.explain(configuration, EventType.OBJECT_REMOVED_DELETE, "notes.txt");
        assertThat(explanation.verdicts()).singleElement().satisfies(v -> assertThat(v.matches()).isFalse());
        assertThat(explanation.eventBridgeDetailType()).isEqualTo("Object Deleted");
        assertThat(explanation.delivered()).isTrue();
        var replication = MatchExplanation.explain(configuration, EventType.REPLICATION_OPERATION_FAILED_REPLICATION, "a");
        assertThat(replication.eventBridgeDetailType()).isNull();
        assertThat(replication.delivered()).isFalse();
    }

    @Test
    void agreesWithTheFanOutsIndexOnRandomConfigurationsAndKeys() {
        Random random = new Random(7);
        String[] values = {"", "a", "a/", "a b", "a+b", "a%2Bb", "é", "/a", "A", ".jpg", "b.jpg", "+"};
        String[] keys = {"a", "a/b.jpg", "a b.jpg", "a+b/c", "a%2Bb", "é.jpg", "/a/b", "A/b.JPG", "+.jpg", "b.jpg"};
        String[] events = {"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectRemoved:*", "s3:ObjectTagging:Put"};
        for (int round = 0; round < 500; round++) {
            List<DestinationConfiguration> destinations = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                String prefix = random.nextBoolean() ? values[random.nextInt(values.length)] : null;
                String suffix = random.nextBoolean() ? values[random.nextInt(values.length)] : null;
                destinations.add(topic("c" + i, T, prefix, suffix, events[random.nextInt(events.length)]));
            }
            EventType type = EventType.values()[random.nextInt(EventType.values().length)];
            String key = keys[random.nextInt(keys.length)];
            var explained = MatchExplanation.explain(new NotificationConfiguration(destinations, false), type, key).verdicts()
                    .stream().filter(MatchExplanation.Verdict::matches).map(MatchExplanation.Verdict::configuration).toList();
            assertThat(explained).as("%s %s %s", destinations, type, key)
                    .isEqualTo(NotificationIndex.of(destinations).match(type, ObjectKeys.encode(key)));
        }
    }
}
