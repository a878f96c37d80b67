package dev.s3notifications.sqs;

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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Sends S3 event messages to SQS queues as S3 does: the message body is the event message itself, with no message
 * attributes, only the {@code AWSTraceHeader} system attribute when the request that caused the event carried a
 * trace id. Each queue's messages go in {@code SendMessageBatch} calls of up to 10 entries; the entries SQS reports
 * failed inside its 200 answer (which the SDK never retries) are sent again, and only those
 * ({@link RetryingDelivery}); a queue that does not exist refuses all of its messages.
 * <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html">SendMessageBatch</a>
 */
public final class SqsNotificationPublisher implements NotificationPublisher {
    static final int MAX_BATCH_ENTRIES = 10;
    /** The total size of one call's messages: SQS's limit was 256 KiB until 2025, and it is what emulators keep. */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final SqsClient sqs;
    private final SqsQueueUrls queueUrls;
    private final RetryingDelivery delivery;

    public SqsNotificationPublisher(SqsClient sqs) {
        this(sqs, RetryingDelivery.Retry.DEFAULT);
    }

    public SqsNotificationPublisher(SqsClient sqs, RetryingDelivery.Retry retry) {
        this.sqs = sqs;
        this.queueUrls = new SqsQueueUrls(sqs);
        this.delivery = new RetryingDelivery(retry);
    }

    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        List<Undelivered> undelivered = new ArrayList<>();
        Batches.byAddress(notifications).forEach((queue, messages) -> {
            for (List<Delivery> batch : Batches.split(messages, MAX_BATCH_ENTRIES, MAX_BATCH_BYTES,
                        SqsNotificationPublisher::bytes, "SQS", undelivered)) {
                delivery.deliver(batch, pending -> send(queue, pending), undelivered);
            }
        });
        return undelivered;
    }

    private Attempt send(String queueArn, List<Delivery> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Delivery notification = batch.get(i);
            var entry = SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(notification.message());
            if (notification.traceHeader() != null) {
                entry.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder().dataType("String").stringValue(notification.traceHeader()).build()));
            }
            entries.add(entry.build());
        }
        SendMessageBatchResponse response;
        try {
            response = queueUrls.call(queueArn, url -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)));
        } catch (QueueDoesNotExistException e) {
            return Attempt.refused(batch, AwsErrors.cause(e));
        } catch (SdkException e) {
            return AwsErrors.failed(batch, e);
        }
        return Batches.attempt(batch, response.successful().stream().map(SendMessageBatchResultEntry::id).toList(),
                response.failed().stream().map(f -> new Batches.FailedEntry(f.id(), f.senderFault(), f.code(), f.message()))
                        .toList(), "SQS");
    }

    private static int bytes(Delivery notification) {
        return notification.message().getBytes(StandardCharsets.UTF_8).length;
    }
}
