package dev.s3notifications.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.message.TestEvent;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.store.DependencyUnavailableException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sns.model.KmsThrottlingException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

class SnsDestinationVerifierTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:t";
    private static final List<DestinationConfiguration> DESTINATIONS = List.of(
            new DestinationConfiguration(DestinationType.TOPIC, "id", TOPIC, List.of("s3:ObjectCreated:*"), null, null));
    private static final TestEvent TEST_EVENT = new TestEvent("b", Instant.EPOCH, "REQ", "HOST");

    @Test
    void aThrottledTestMessageIsADependencyFailureNotARefusal() {
        // SNS throttles with HTTP 400 and the code "Throttled", which the SDK does not count as throttling.
        var sns = new ScriptedSnsClient().thenThrow(ThrottledException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttled").errorMessage("Rate exceeded").build()).build());
        assertThatThrownBy(() -> new SnsDestinationVerifier(sns).verify(DESTINATIONS, TEST_EVENT.toJson()))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void aThrottledKmsKeyIsADependencyFailureToo() {
        var sns = new ScriptedSnsClient().thenThrow(KmsThrottlingException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("KMSThrottling").errorMessage("slow down").build()).build());
        assertThatThrownBy(() -> new SnsDestinationVerifier(sns).verify(DESTINATIONS, TEST_EVENT.toJson()))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void aMissingTopicIsStillReportedAsAFailedDestination() {
        var sns = new ScriptedSnsClient().thenThrow(NotFoundException.builder().statusCode(404).message("no").build());
        assertThat(new SnsDestinationVerifier(sns).verify(DESTINATIONS, TEST_EVENT.toJson()).failures())
                .singleElement().satisfies(a -> assertThat(a.value()).isEqualTo(SnsDestinationVerifier.TOPIC_MISSING));
    }

    @Test
    void anErrorAnswerWithoutACodeIsADependencyFailureNotARefusal() {
        // What the SDK makes of an error answer cut off on its way: a status, and no code or message to read.
        var sns = new ScriptedSnsClient().thenThrow(SnsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().build()).build());
        assertThatThrownBy(() -> new SnsDestinationVerifier(sns).verify(DESTINATIONS, TEST_EVENT.toJson()))
                .isInstanceOf(DependencyUnavailableException.class);
    }
}
