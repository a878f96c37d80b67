package dev.s3notifications.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.testing.Notifications;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

class LambdaNotificationPublisherTest {
    private static final String F = "arn:aws:lambda:us-east-1:123456789012:function:thumbnails";
    private static final String G = "arn:aws:lambda:us-east-1:123456789012:function:gone";
    private final ScriptedLambdaClient lambda = new ScriptedLambdaClient();
    private final List<Duration> sleeps = new ArrayList<>();
    private final LambdaNotificationPublisher publisher = new LambdaNotificationPublisher(lambda,
            new RetryingDelivery.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add));

    private static Delivery to(String function, String message, String messageId) {
        return Notifications.message(Destination.Kind.FUNCTION, function, message, messageId);
    }

    @Test
    void eachEventIsOneAsynchronousInvocationWithTheEventMessageAsPayload() {
        assertThat(publisher.publish(List.of(to(F, "{\"Records\":[1]}", "m1"), to(F, "{\"Records\":[2]}", "m2")))).isEmpty();
        assertThat(lambda.invocations()).hasSize(2).allSatisfy(invocation -> {
            assertThat(invocation.functionName()).isEqualTo(F);
            assertThat(invocation.invocationType()).isEqualTo(InvocationType.EVENT);
        });
        assertThat(lambda.invocations()).extracting(i -> i.payload().asString(StandardCharsets.UTF_8))
                .containsExactly("{\"Records\":[1]}", "{\"Records\":[2]}");
    }

    @Test
    void throttlingIsRetriedAfterABackoff() {
        lambda.thenThrow(TooManyRequestsException.builder().statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").errorMessage("Rate exceeded").build())
                .build());
        assertThat(publisher.publish(List.of(to(F, "{}", "m1")))).isEmpty();
        assertThat(lambda.invocations()).hasSize(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aFunctionThatIsGoneRefusesItsEventsAndOthersAreStillInvoked() {
        lambda.thenThrow(ResourceNotFoundException.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").errorMessage("Function not found")
                        .build()).build());
        assertThat(publisher.publish(List.of(to(G, "{}", "m1"), to(F, "{}", "m2")))).extracting(u -> u.notification().origin().messageId())
                .containsExactly("m1");
        assertThat(lambda.invocations()).hasSize(2);
        assertThat(sleeps).isEmpty();
    }
}
