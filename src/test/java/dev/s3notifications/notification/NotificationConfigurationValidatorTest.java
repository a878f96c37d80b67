package dev.s3notifications.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The overlap rule and the normalisation, on the domain model directly. */
class NotificationConfigurationValidatorTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:t";
    private final NotificationConfigurationValidator validator =
            new NotificationConfigurationValidator(NotificationConfigurationValidator.Limits.S3, () -> "generated");

    private static DestinationConfiguration topic(String id, String event, String prefix, String suffix) {
        List<FilterRule> rules = new ArrayList<>();
        if (prefix != null) {
            rules.add(new FilterRule("prefix", prefix));
        }
        if (suffix != null) {
            rules.add(new FilterRule("suffix", suffix));
        }
        return new DestinationConfiguration(DestinationType.TOPIC, id, TOPIC, List.of(event), rules.isEmpty() ? null : rules, null);
    }

    private NotificationConfiguration validate(DestinationConfiguration... destinations) {
        return validator.validate(new NotificationConfiguration(List.of(destinations), false), "us-east-1");
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                // event sets: a wildcard intersects its members, not other families
                Arguments.of("same event, no filters", topic("a", "s3:ObjectCreated:Put", null, null), topic("b", "s3:ObjectCreated:Put", null, null), true),
                Arguments.of("wildcard and member", topic("a", "s3:ObjectCreated:*", null, null), topic("b", "s3:ObjectCreated:Copy", null, null), true),
                Arguments.of("two members of one family", topic("a", "s3:ObjectCreated:Put", null, null), topic("b", "s3:ObjectCreated:Post", null, null), false),
                Arguments.of("lifecycle deletion is not ObjectRemoved", topic("a", "s3:ObjectRemoved:*", null, null), topic("b", "s3:LifecycleExpiration:Delete", null, null), false),
                Arguments.of("restore delete is not ObjectRemoved", topic("a", "s3:ObjectRemoved:Delete", null, null), topic("b", "s3:ObjectRestore:Delete", null, null), false),
                // prefixes overlap when one starts the other; a missing one is "" and starts everything
                Arguments.of("disjoint prefixes", topic("a", "s3:ObjectCreated:*", "images/", null), topic("b", "s3:ObjectCreated:*", "logs/", null), false),
                Arguments.of("nested prefixes", topic("a", "s3:ObjectCreated:*", "images/", null), topic("b", "s3:ObjectCreated:*", "images/2026/", null), true),
                Arguments.of("prefix against none", topic("a", "s3:ObjectCreated:*", "images/", null), topic("b", "s3:ObjectCreated:*", null, null), true),
                Arguments.of("same prefix, disjoint suffixes", topic("a", "s3:ObjectCreated:*", "images/", ".jpg"), topic("b", "s3:ObjectCreated:*", "images/", ".png"), false),
                Arguments.of("same prefix, nested suffixes", topic("a", "s3:ObjectCreated:*", "images/", ".jpg"), topic("b", "s3:ObjectCreated:*", "images/", "thumb.jpg"), true),
                Arguments.of("prefix only against suffix only", topic("a", "s3:ObjectCreated:*", "images/", null), topic("b", "s3:ObjectCreated:*", null, ".jpg"), true),
                Arguments.of("empty values are like none", topic("a", "s3:ObjectCreated:*", "", ""), topic("b", "s3:ObjectCreated:*", "x/", null), true),
                Arguments.of("disjoint prefixes, same suffix", topic("a", "s3:ObjectCreated:*", "a/", ".jpg"), topic("b", "s3:ObjectCreated:*", "b/", ".jpg"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void twoConfigurationsOverlapWhenEventsPrefixesAndSuffixesAllDo(String name, DestinationConfiguration a,
            DestinationConfiguration b, boolean overlap) {
        if (overlap) {
            assertThatThrownBy(() -> validate(a, b)).isInstanceOf(InvalidNotificationConfigurationException.class);
        } else {
            assertThatCode(() -> validate(a, b)).doesNotThrowAnyException();
        }
    }

    @Test
    void normalisesRuleNamesAndAssignsMissingIds() {
        NotificationConfiguration valid = validate(topic(null, "s3:ObjectCreated:*", "a/", ".jpg"), topic("mine", "s3:ObjectRemoved:*", null, null));

        assertThat(valid.destinations().get(0).id()).isEqualTo("generated");
        assertThat(valid.destinations().get(0).filterRules())
                .containsExactly(new FilterRule("Prefix", "a/"), new FilterRule("Suffix", ".jpg"));
        assertThat(valid.destinations().get(1).id()).isEqualTo("mine");
        assertThat(valid.destinations().get(1).hasFilter()).isFalse();
    }

    @Test
    void generatedIdsAreBase64OfARandomUuid() {
        String id = NotificationConfigurationValidator.generateId();
        assertThat(id).hasSize(48).isNotEqualTo(NotificationConfigurationValidator.generateId());
    }

    @Test
    void theConfigurationLimitCanBeRaised() {
        var raised = new NotificationConfigurationValidator(new NotificationConfigurationValidator.Limits(10_000, 1024, 255), () -> "x");
        List<DestinationConfiguration> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(topic("c" + i, "s3:ObjectCreated:*", "tenant-" + i + "/", null));
        }
        assertThat(raised.validate(new NotificationConfiguration(many, false), "us-east-1").destinations()).hasSize(1_000);
    }
}
