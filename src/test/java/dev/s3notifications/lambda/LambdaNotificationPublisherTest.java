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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
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
                .containsExactlyInAnyOrder("{\"Records\":[1]}", "{\"Records\":[2]}");
    }

    @Test
    void aBatchsInvocationsRunConcurrently() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(LambdaNotificationPublisher.CONCURRENT_INVOCATIONS);
        LambdaClient waiting = new ScriptedLambdaClient() {
            @Override
            public InvokeResponse invoke(InvokeRequest request) {
                allStarted.countDown();
                try { // only returns once every invocation of a full round has started: fails if they run one by one
                    assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.invoke(request);
            }
        };
        List<Delivery> batch = new ArrayList<>();
        for (int i = 0; i < LambdaNotificationPublisher.CONCURRENT_INVOCATIONS; i++) {
            batch.add(to(F, "{\"Records\":[" + i + "]}", "m" + i));
        }
        assertThat(new LambdaNotificationPublisher(waiting).publish(batch)).isEmpty();
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
        lambda.refusing(G, ResourceNotFoundException.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").errorMessage("Function not found")
                        .build()).build());
        assertThat(publisher.publish(List.of(to(G, "{}", "m1"), to(F, "{}", "m2"), to(G, "{}", "m3"))))
                .as("in the batch's order").extracting(u -> u.notification().origin().messageId())
                .containsExactly("m1", "m3");
        assertThat(lambda.invocations()).hasSize(3);
        assertThat(sleeps).isEmpty();
    }
}
