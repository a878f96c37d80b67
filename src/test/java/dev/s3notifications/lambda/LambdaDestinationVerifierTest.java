package dev.s3notifications.lambda;

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
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

class LambdaDestinationVerifierTest {
    private static final String F = "arn:aws:lambda:us-east-1:123456789012:function:thumbnails";
    private static final String G = "arn:aws:lambda:us-east-1:123456789012:function:forbidden";
    private static final TestEvent TEST_EVENT = new TestEvent("b", Instant.EPOCH, "REQ", "HOST");
    private final ScriptedLambdaClient lambda = new ScriptedLambdaClient();

    private static DestinationConfiguration function(String id, String arn) {
        return new DestinationConfiguration(DestinationType.FUNCTION, id, arn, List.of("s3:ObjectCreated:*"), null, null);
    }

    @Test
    void asksLambdaWithADryRunOncePerFunctionAndSendsNoTestEvent() {
        var verification = new LambdaDestinationVerifier(lambda).verify(List.of(function("a", F), function("b", F)), TEST_EVENT.toJson());
        assertThat(verification.failures()).isEmpty();
        assertThat(verification.testMessageIds()).isEmpty();
        assertThat(lambda.invocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.functionName()).isEqualTo(F);
            assertThat(invocation.invocationType()).isEqualTo(InvocationType.DRY_RUN);
            assertThat(invocation.payload()).isNull();
        });
    }

    @Test
    void aMissingAndAForbiddenFunctionFailWithS3sWords() {
        lambda.thenThrow(ResourceNotFoundException.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").errorMessage("no").build()).build());
        lambda.thenThrow(LambdaException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("no").build()).build());
        var verification = new LambdaDestinationVerifier(lambda).verify(List.of(function("a", F), function("b", G)), TEST_EVENT.toJson());
        assertThat(verification.failures()).containsExactly(
                new Argument(F + ", null", "Not authorized to invoke function [" + F + "]"),
                new Argument(G + ", null", "Not authorized to invoke function [" + G + "]"));
    }

    @Test
    void aThrottledCheckIsADependencyFailureNotARefusal() {
        lambda.thenThrow(TooManyRequestsException.builder().statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").errorMessage("slow").build()).build());
        assertThatThrownBy(() -> new LambdaDestinationVerifier(lambda).verify(List.of(function("a", F)), TEST_EVENT.toJson()))
                .isInstanceOf(DependencyUnavailableException.class);
    }
}
