package dev.s3notifications.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.message.TestEvent;
import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationVerifiersTest {
    private static final String TEST_MESSAGE = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}";

    private static DestinationConfiguration destination(DestinationType type, String arn) {
        return new DestinationConfiguration(type, arn, arn, List.of("s3:ObjectCreated:*"), null, null);
    }

    /** Fails every destination it is given, and remembers what it was given. */
    private static final class FailingAll implements DestinationVerifier {
        final List<List<DestinationConfiguration>> given = new ArrayList<>();

        @Override
        public Verification verify(List<DestinationConfiguration> destinations, String testMessage) {
            given.add(destinations);
            return new Verification(destinations.stream().map(d -> new Argument(d.arn(), "no")).toList(),
                    Map.of("id-" + destinations.get(0).arn(), "message"));
        }
    }

    @Test
    void eachVerifierSeesOnlyItsKindAndFailuresComeTopicsThenQueuesThenFunctions() {
        FailingAll topics = new FailingAll();
        FailingAll queues = new FailingAll();
        FailingAll functions = new FailingAll();
        var verifiers = new DestinationVerifiers(Map.of(DestinationType.TOPIC, topics, DestinationType.QUEUE, queues,
                DestinationType.FUNCTION, functions));
        var verification = verifiers.verify(List.of(destination(DestinationType.FUNCTION, "f"),
                destination(DestinationType.QUEUE, "q1"), destination(DestinationType.TOPIC, "t"),
                destination(DestinationType.QUEUE, "q2")), TEST_MESSAGE);
        assertThat(verification.failures()).extracting(Argument::name).containsExactly("t", "q1", "q2", "f");
        assertThat(queues.given).singleElement().satisfies(d -> assertThat(d).extracting(DestinationConfiguration::arn)
                .containsExactly("q1", "q2"));
        assertThat(verification.testMessageIds()).containsOnlyKeys("id-t", "id-q1", "id-f");
    }

    @Test
    void aKindWithNoDestinationsIsNotAskedAndOneWithoutVerifierIsAccepted() {
        FailingAll topics = new FailingAll();
        var verifiers = new DestinationVerifiers(Map.of(DestinationType.TOPIC, topics));
        var verification = verifiers.verify(List.of(destination(DestinationType.QUEUE, "q")), TEST_MESSAGE);
        assertThat(verification.failures()).isEmpty();
        assertThat(topics.given).isEmpty();
    }
}
