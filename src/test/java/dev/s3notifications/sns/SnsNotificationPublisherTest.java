package dev.s3notifications.sns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.testing.Notifications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

class SnsNotificationPublisherTest {
    private static final String A = "arn:aws:sns:us-east-1:123456789012:a";
    private static final String B = "arn:aws:sns:us-east-1:123456789012:b";
    private final ScriptedSnsClient sns = new ScriptedSnsClient();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SnsNotificationPublisher publisher = new SnsNotificationPublisher(sns,
            new RetryingDelivery.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add));

    private static List<Delivery> notifications(String topic, int count) {
        return IntStream.range(0, count).mapToObj(i -> Notifications.toTopic(topic, "{\"n\":" + i + "}", "m" + i)).toList();
    }

    private static ThrottledException throttled() {
        return ThrottledException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttled").errorMessage("Rate exceeded").build()).build();
    }

    @Test
    void oneMessageForATopicIsOnePublishWithS3sSubject() {
        assertThat(publisher.publish(notifications(A, 1))).isEmpty();
        assertThat(sns.publishRequests()).singleElement().satisfies(r -> {
            assertThat(r.topicArn()).isEqualTo(A);
            assertThat(r.subject()).isEqualTo("Amazon S3 Notification");
            assertThat(r.message()).isEqualTo("{\"n\":0}");
        });
        assertThat(sns.batchRequests()).isEmpty();
    }

    @Test
    void severalMessagesForATopicGoInBatchesOfTen() {
        List<Delivery> all = new ArrayList<>(notifications(A, 23));
        all.addAll(notifications(B, 2));
        assertThat(publisher.publish(all)).isEmpty();
        assertThat(sns.batchRequests()).extracting(PublishBatchRequest::topicArn).containsExactly(A, A, A, B);
        assertThat(sns.batchRequests()).extracting(r -> r.publishBatchRequestEntries().size()).containsExactly(10, 10, 3, 2);
        PublishBatchRequestEntry entry = sns.batchRequests().get(2).publishBatchRequestEntries().get(2);
        assertThat(entry.subject()).isEqualTo("Amazon S3 Notification");
        assertThat(entry.message()).isEqualTo("{\"n\":22}");
        assertThat(sns.batchRequests().get(0).publishBatchRequestEntries()).extracting(PublishBatchRequestEntry::id)
                .doesNotHaveDuplicates();
    }

    @Test
    void aBatchStaysWithin256KiB() {
        String hundredKiB = "x".repeat(100 * 1024);
        List<Delivery> big = IntStream.range(0, 5).mapToObj(i -> Notifications.toTopic(A, hundredKiB, "m" + i)).toList();
        assertThat(publisher.publish(big)).isEmpty();
        assertThat(sns.batchRequests()).extracting(r -> r.publishBatchRequestEntries().size()).containsExactly(2, 2, 1);
    }

    @Test
    void aMessageTooLargeForSnsIsUndeliveredAndTheOthersGoOut() {
        List<Delivery> mixed = List.of(Notifications.toTopic(A, "x".repeat(256 * 1024), "huge"),
                Notifications.toTopic(A, "{}", "small-1"), Notifications.toTopic(A, "{}", "small-2"));
        assertThat(publisher.publish(mixed)).extracting(u -> u.notification().origin().messageId()).containsExactly("huge");
        assertThat(sns.batchRequests()).singleElement().satisfies(r -> assertThat(r.publishBatchRequestEntries()).hasSize(2));
    }

    @Test
    void retriesOnlyTheThrottledEntriesOfABatchAfterABackoff() {
        sns.then(request -> PublishBatchResponse.builder()
                .successful(PublishBatchResultEntry.builder().id("0").messageId("x").build(),
                        PublishBatchResultEntry.builder().id("2").messageId("y").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("Throttled").message("Rate exceeded").senderFault(true).build(),
                        BatchResultErrorEntry.builder().id("3").code("InternalError").message("oops").senderFault(false).build())
                .build());
        assertThat(publisher.publish(notifications(A, 4))).isEmpty();
        assertThat(sns.batchRequests()).hasSize(2);
        assertThat(sns.batchRequests().get(1).publishBatchRequestEntries()).extracting(PublishBatchRequestEntry::message)
                .containsExactly("{\"n\":1}", "{\"n\":3}");
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
    }

    @Test
    void entriesSnsRefusesAreUndeliveredWithoutRetry() {
        sns.then(request -> PublishBatchResponse.builder()
                .successful(PublishBatchResultEntry.builder().id("0").messageId("x").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InvalidParameter").message("bad").senderFault(true).build())
                .build());
        assertThat(publisher.publish(notifications(A, 2))).extracting(u -> u.notification().origin().messageId()).containsExactly("m1");
        assertThat(sns.requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aThrottledCallIsRetriedWithGrowingBackoffThenGivenUp() {
        sns.thenThrow(throttled()).thenThrow(throttled()).thenThrow(throttled());
        assertThat(publisher.publish(notifications(A, 3))).hasSize(3);
        assertThat(sns.batchRequests()).hasSize(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void serverErrorsAndNetworkFailuresAreRetried() {
        sns.thenThrow(InternalErrorException.builder().statusCode(500).message("boom").build())
                .thenThrow(SdkClientException.create("Connection reset"));
        assertThat(publisher.publish(notifications(A, 1))).isEmpty();
        assertThat(sns.publishRequests()).hasSize(3);
    }

    @Test
    void anErrorAnswerWithoutACodeIsRetriedNotTakenForARefusal() {
        // What the SDK makes of an error answer cut off on its way: a status, and no code or message to read.
        sns.thenThrow(SnsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder().build()).build());
        assertThat(publisher.publish(notifications(A, 1))).isEmpty();
        assertThat(sns.publishRequests()).hasSize(2);
    }

    @Test
    void aMissingOrForbiddenTopicFailsItsMessagesAtOnceAndOtherTopicsStillGetTheirs() {
        sns.thenThrow(NotFoundException.builder().statusCode(404).message("Topic does not exist").build())
                .thenThrow(AuthorizationErrorException.builder().statusCode(403).message("no").build());
        List<Delivery> all = new ArrayList<>(notifications(A, 2));
        all.add(Notifications.toTopic(B, "{}", "to-b"));
        all.add(Notifications.toTopic("arn:aws:sns:us-east-1:123456789012:c", "{}", "to-c"));
        assertThat(publisher.publish(all)).extracting(u -> u.notification().origin().messageId()).containsExactly("m0", "m1", "to-b");
        assertThat(sns.requests).hasSize(3);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anEntrySnsReportsNeitherWayIsTriedAgain() {
        sns.then(request -> PublishBatchResponse.builder()
                .successful(PublishBatchResultEntry.builder().id("0").messageId("x").build()).build());
        assertThat(publisher.publish(notifications(A, 2))).isEmpty();
        assertThat(sns.batchRequests()).hasSize(2);
        assertThat(sns.batchRequests().get(1).publishBatchRequestEntries()).extracting(PublishBatchRequestEntry::message)
                .containsExactly("{\"n\":1}");
    }
}
