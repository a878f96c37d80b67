package dev.s3notifications.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.fanout.Delivery.EventMessage;
import dev.s3notifications.fanout.Delivery.Origin;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.testing.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsNotificationPublisherTest {
    private static final String A = "arn:aws:sqs:us-east-1:123456789012:a";
    private static final String B = "arn:aws:sqs:us-east-1:210987654321:b";
    private final ScriptedSqsClient sqs = new ScriptedSqsClient();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SqsNotificationPublisher publisher = new SqsNotificationPublisher(sqs,
            new RetryingDelivery.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add));

    private static List<Delivery> messages(String queue, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Notifications.message(Destination.Kind.QUEUE, queue, "{\"n\":" + i + "}", "m" + i)).toList();
    }

    @Test
    void theBodyIsTheEventMessageItselfWithNoMessageAttributes() {
        assertThat(publisher.publish(messages(A, 1))).isEmpty();
        assertThat(sqs.batchRequests()).singleElement().satisfies(request -> {
            assertThat(request.queueUrl()).isEqualTo("https://sqs.test/123456789012/a");
            assertThat(request.entries()).singleElement().satisfies(entry -> {
                assertThat(entry.messageBody()).isEqualTo("{\"n\":0}");
                assertThat(entry.hasMessageAttributes()).isFalse();
                assertThat(entry.hasMessageSystemAttributes()).isFalse();
            });
        });
    }

    @Test
    void theRequestsTraceIdGoesAsTheAwsTraceHeaderSystemAttribute() {
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        assertThat(publisher.publish(List.of(new EventMessage(new Destination(Destination.Kind.QUEUE, A), "{}", trace,
                new Origin("m", 0, "c", "photos", Instant.EPOCH))))).isEmpty();
        SendMessageBatchRequestEntry entry = sqs.batchRequests().get(0).entries().get(0);
        assertThat(entry.messageSystemAttributes()).containsOnlyKeys(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER);
        assertThat(entry.messageSystemAttributes().get(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER).stringValue())
                .isEqualTo(trace);
    }

    @Test
    void eachQueueGetsBatchesOfTenAndItsUrlIsAskedOnce() {
        List<Delivery> all = new ArrayList<>(messages(A, 23));
        all.addAll(messages(B, 2));
        assertThat(publisher.publish(all)).isEmpty();
        assertThat(publisher.publish(messages(A, 1))).isEmpty();
        assertThat(sqs.batchRequests()).extracting(r -> r.entries().size()).containsExactly(10, 10, 3, 2, 1);
        assertThat(sqs.batchRequests().get(3).queueUrl()).isEqualTo("https://sqs.test/210987654321/b");
        assertThat(sqs.urls.requests(GetQueueUrlRequest.class)).extracting(GetQueueUrlRequest::queueName)
                .containsExactly("a", "b");
        assertThat(sqs.batchRequests().get(0).entries()).extracting(SendMessageBatchRequestEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void resendsExactlyTheEntriesSqsReportsFailedInsideItsAnswer() {
        sqs.then(request -> SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("x").build(),
                        SendMessageBatchResultEntry.builder().id("2").messageId("y").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InternalError").message("oops").senderFault(false).build(),
                        BatchResultErrorEntry.builder().id("3").code("RequestThrottled").message("slow").senderFault(true).build())
                .build());
        sqs.then(request -> ScriptedSqsClient.allSent((SendMessageBatchRequest) request));
        assertThat(publisher.publish(messages(A, 4))).isEmpty();
        assertThat(sqs.batchRequests()).hasSize(2);
        assertThat(sqs.batchRequests().get(1).entries()).extracting(SendMessageBatchRequestEntry::messageBody)
                .containsExactly("{\"n\":1}", "{\"n\":3}");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void entriesTheSenderCausedToFailAreUndeliveredWithoutRetry() {
        sqs.then(request -> SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("x").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InvalidMessageContents").message("bad").senderFault(true).build())
                .build());
        assertThat(publisher.publish(messages(A, 2))).extracting(u -> u.notification().origin().messageId()).containsExactly("m1");
        assertThat(sqs.batchRequests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void entriesLeftFailingAfterTheLastAttemptAreUndelivered() {
        sqs.then(request -> SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("x").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InternalError").message("oops").senderFault(false).build())
                .build());
        for (int retry = 0; retry < 2; retry++) { // the retries carry only the failed entry, as entry 0
            sqs.then(request -> SendMessageBatchResponse.builder()
                    .failed(BatchResultErrorEntry.builder().id("0").code("InternalError").message("oops").senderFault(false).build())
                    .build());
        }
        assertThat(publisher.publish(messages(A, 2))).extracting(u -> u.notification().origin().messageId()).containsExactly("m1");
        assertThat(sqs.batchRequests()).hasSize(3);
    }

    @Test
    void aQueueThatDoesNotExistRefusesItsMessagesAndOtherQueuesStillGetTheirs() {
        sqs.urls.thenThrow(QueueDoesNotExistException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue")
                        .errorMessage("The specified queue does not exist.").build()).build());
        List<Delivery> all = new ArrayList<>(messages(A, 2));
        all.addAll(messages(B, 1));
        assertThat(publisher.publish(all)).extracting(u -> u.notification().origin().messageId()).containsExactly("m0", "m1");
        assertThat(sqs.batchRequests()).singleElement().satisfies(r -> assertThat(r.queueUrl()).endsWith("/b"));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aQueueGoneAfterItsUrlWasKeptIsAskedForAgainNextTime() {
        assertThat(publisher.publish(messages(A, 1))).isEmpty();
        sqs.thenThrow(QueueDoesNotExistException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue")
                        .errorMessage("The specified queue does not exist.").build()).build());
        assertThat(publisher.publish(messages(A, 1))).hasSize(1);
        assertThat(publisher.publish(messages(A, 1))).isEmpty();
        assertThat(sqs.urls.requests(GetQueueUrlRequest.class)).extracting(GetQueueUrlRequest::queueName)
                .as("the URL forgotten when the queue was gone, asked again for the queue made anew")
                .containsExactly("a", "a");
    }

    @Test
    void aThrottledOrFailedWholeCallIsRetried() {
        sqs.thenThrow(SqsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestThrottled").errorMessage("slow").build()).build());
        sqs.thenThrow(SqsException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").errorMessage("boom").build()).build());
        assertThat(publisher.publish(messages(A, 3))).isEmpty();
        assertThat(sqs.batchRequests()).hasSize(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void accessDeniedRefusesTheBatch() {
        sqs.thenThrow(SqsException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build()).build());
        assertThat(publisher.publish(messages(A, 2))).hasSize(2);
        assertThat(sleeps).isEmpty();
    }
}
