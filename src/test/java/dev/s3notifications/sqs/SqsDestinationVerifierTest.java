package dev.s3notifications.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.message.TestEvent;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import dev.s3notifications.store.DependencyUnavailableException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsDestinationVerifierTest {
    private static final String Q = "arn:aws:sqs:us-east-1:123456789012:q";
    private static final TestEvent TEST_EVENT = new TestEvent("b", Instant.parse("2026-11-22T10:15:30.123Z"), "REQ", "HOST");
    private final ScriptedSqsClient sqs = new ScriptedSqsClient();

    private static DestinationConfiguration queue(String id, String arn) {
        return new DestinationConfiguration(DestinationType.QUEUE, id, arn, List.of("s3:ObjectCreated:*"), null, null);
    }

    @Test
    void sendsTheTestEventAsTheRawBodyOncePerQueue() {
        var verification = new SqsDestinationVerifier(sqs).verify(List.of(queue("a", Q), queue("b", Q)), TEST_EVENT.toJson());
        assertThat(verification.failures()).isEmpty();
        assertThat(sqs.script.requests(SendMessageRequest.class)).singleElement().satisfies(request -> {
            assertThat(request.queueUrl()).isEqualTo("https://sqs.test/123456789012/q");
            assertThat(request.messageBody()).isEqualTo(TEST_EVENT.toJson());
        });
    }

    @Test
    void refusesFifoMissingAndForbiddenQueuesInConfigurationOrder() {
        sqs.urls.thenThrow(QueueDoesNotExistException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue").build()).build());
        sqs.thenThrow(KmsAccessDeniedException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("KMS.AccessDeniedException").build()).build());
        String fifo = Q + "-events.fifo";
        String missing = Q + "-missing";
        String encrypted = Q + "-encrypted";
        var verification = new SqsDestinationVerifier(sqs).verify(List.of(queue("a", fifo), queue("b", missing), queue("c", encrypted)), TEST_EVENT.toJson());
        assertThat(verification.failures()).containsExactly(
                new Argument(fifo, SqsDestinationVerifier.FIFO_QUEUE),
                new Argument(missing, "The destination queue does not exist"),
                new Argument(encrypted, "Permissions on the destination queue do not allow S3 to publish notifications from this bucket"));
    }

    @Test
    void aThrottledOrFailingSqsIsADependencyFailureNotARefusal() {
        sqs.thenThrow(SqsException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").build()).build());
        assertThatThrownBy(() -> new SqsDestinationVerifier(sqs).verify(List.of(queue("a", Q)), TEST_EVENT.toJson()))
                .isInstanceOf(DependencyUnavailableException.class);
    }
}
