package dev.s3notifications.sns;

import dev.s3notifications.aws.AwsErrors;
import dev.s3notifications.aws.Batches;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.RetryingDelivery.Attempt;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.fanout.Undelivered;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;

/**
 * Publishes S3 event messages to SNS as S3 does (Subject "Amazon S3 Notification", the JSON as Message), with as
 * few calls as it can: a topic that gets one message in a batch gets a {@code Publish}; a topic that gets several
 * gets {@code PublishBatch} calls of up to 10 entries and 256 KiB. Throttling and server errors, of a whole call
 * or of single entries, are retried ({@link RetryingDelivery}); what still fails, or is refused (missing topic, no
 * permission), is returned as undelivered.
 * <a href="https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html">PublishBatch</a>
 */
public final class SnsNotificationPublisher implements NotificationPublisher {
    static final int MAX_BATCH_ENTRIES = 10;
    /** The total size of the messages of one PublishBatch; counted with the subjects, to be safe. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final int SUBJECT_BYTES = SnsDestinationVerifier.SUBJECT.length();

    private final SnsClient sns;
    private final RetryingDelivery delivery;

    public SnsNotificationPublisher(SnsClient sns) {
        this(sns, RetryingDelivery.Retry.DEFAULT);
    }

    public SnsNotificationPublisher(SnsClient sns, RetryingDelivery.Retry retry) {
        this.sns = sns;
        this.delivery = new RetryingDelivery(retry);
    }

    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        List<Undelivered> undelivered = new ArrayList<>();
        for (Map.Entry<String, List<Delivery>> topic : Batches.byAddress(notifications).entrySet()) {
            if (topic.getValue().size() == 1) {
                delivery.deliver(topic.getValue(), one -> publishOne(topic.getKey(), one.get(0)), undelivered);
            } else {
                for (List<Delivery> batch : Batches.split(topic.getValue(), MAX_BATCH_ENTRIES, MAX_BATCH_BYTES,
                        SnsNotificationPublisher::bytes, "SNS", undelivered)) {
                    delivery.deliver(batch, pending -> publishBatch(topic.getKey(), pending), undelivered);
                }
            }
        }
        return undelivered;
    }

    private Attempt publishOne(String topic, Delivery notification) {
        try {
            sns.publish(b -> b.topicArn(topic).subject(SnsDestinationVerifier.SUBJECT).message(notification.message()));
            return Attempt.DONE;
        } catch (SdkException e) {
            return AwsErrors.failed(List.of(notification), e);
        }
    }

    private Attempt publishBatch(String topic, List<Delivery> batch) {
        List<PublishBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(i))
                    .subject(SnsDestinationVerifier.SUBJECT).message(batch.get(i).message()).build());
        }
        PublishBatchResponse response;
        try {
            response = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entries));
        } catch (SdkException e) {
            return AwsErrors.failed(batch, e);
        }
        return Batches.attempt(batch, response.successful().stream().map(PublishBatchResultEntry::id).toList(),
                response.failed().stream().map(f -> new Batches.FailedEntry(f.id(), f.senderFault(), f.code(), f.message()))
                        .toList(), "SNS");
    }

    private static int bytes(Delivery notification) {
        return notification.message().getBytes(StandardCharsets.UTF_8).length + SUBJECT_BYTES;
    }
}
