package dev.s3notifications.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.logging.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Runs the fan-out function on a queue the way Lambda's SQS event source mapping does, for the local stack: long
 * polls batches of up to 10 messages, invokes the handler with them as an {@link SQSEvent}, and deletes only the
 * messages that succeeded. Failed messages stay in the queue and become visible again after the visibility
 * timeout; the queue's redrive policy moves them to its dead-letter queue after {@code maxReceiveCount} receives.
 * As with {@code ReportBatchItemFailures}, a handler that throws, or reports an item identifier that is empty or
 * not in the batch, fails the whole batch.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Handling errors for an SQS event source</a>
 */
public final class ObjectEventQueuePoller implements AutoCloseable {
    /** The most messages one receive returns, as for a standard-queue event source with the default batch size. */
    static final int BATCH_SIZE = 10;

    /** The object-events queue and its dead-letter queue. */
    public record Queues(String url, String arn, String deadLetterUrl, String deadLetterArn) {
    }

    /** What the poller has done so far. */
    public record Stats(long batches, long messages, long deleted, long failed) {
    }

    private final SqsClient sqs;
    private final Queues queues;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    /** The fan-out function as the local stack names it, in the account the local stack stands for. */
    static final String FUNCTION_NAME = "object-event-fan-out";
    static final String ACCOUNT_ID = "123456789012";

    private final String region;
    private final Duration receiveWait;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param receiveWait how long one receive waits for messages (Lambda waits 20 s; shorter here so that
     *                    {@link #stop()} returns quickly)
     */
    public ObjectEventQueuePoller(SqsClient sqs, Queues queues, RequestHandler<SQSEvent, SQSBatchResponse> handler,
            String region, Duration receiveWait) {
        this.sqs = sqs;
        this.queues = queues;
        this.handler = handler;
        this.region = region;
        this.receiveWait = receiveWait;
    }

    /**
     * Creates the queue {@code name} and its dead-letter queue {@code name-dlq}, with a redrive policy after
     * {@code maxReceiveCount} receives (or finds them, if they exist with the same attributes).
     *
     * @param visibilityTimeout how long a received message stays invisible; on AWS at least six times the
     *                          function's timeout
     */
    public static Queues createQueues(SqsClient sqs, String name, int maxReceiveCount, Duration visibilityTimeout) {
        String deadLetterUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(Duration.ofDays(14).toSeconds()))))
                .queueUrl();
        String deadLetterArn = arn(sqs, deadLetterUrl);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        return new Queues(url, arn(sqs, url), deadLetterUrl, deadLetterArn);
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    public Queues queues() {
        return queues;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::pollUntilStopped, "object-events-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling; returns once the batch in hand, if any, is finished. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(receiveWait.plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    public boolean isRunning() {
        Thread current = thread;
        return running && current != null && current.isAlive();
    }

    public Stats stats() {
        return new Stats(batches.get(), received.get(), deleted.get(), failed.get());
    }

    @Override
    public void close() {
        stop();
    }

    private void pollUntilStopped() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) { // the queue is unreachable: keep trying, as Lambda does
                JsonLog.error("object-events poller could not poll; trying again", e, "queue", queues.url());
                try {
                    Thread.sleep(1_000); // a pause before reconnecting, not a wait for a condition
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One receive, one invocation, one delete of the messages that succeeded. */
    void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queues.url()).maxNumberOfMessages(BATCH_SIZE)
                .waitTimeSeconds((int) receiveWait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return;
        }
        batches.incrementAndGet();
        received.addAndGet(messages.size());
        Set<String> failedIds = invoke(messages);
        List<DeleteMessageBatchRequestEntry> succeeded = new ArrayList<>();
        for (Message message : messages) {
            if (!failedIds.contains(message.messageId())) {
                succeeded.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(succeeded.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        failed.addAndGet(messages.size() - succeeded.size());
        if (!succeeded.isEmpty()) {
            var result = sqs.deleteMessageBatch(b -> b.queueUrl(queues.url()).entries(succeeded));
            deleted.addAndGet(result.successful().size());
        }
    }

    /** The ids of the messages that failed: those reported, or all of them when the invocation failed. */
    private Set<String> invoke(List<Message> messages) {
        Set<String> all = new HashSet<>();
        for (Message message : messages) {
            all.add(message.messageId());
        }
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event(messages), new LocalLambdaContext(UUID.randomUUID().toString(),
                    FUNCTION_NAME, region, ACCOUNT_ID, Instant.now().plus(LocalLambdaContext.TIMEOUT)));
        } catch (RuntimeException e) {
            JsonLog.error("the fan-out function failed; the whole batch will be retried", e);
            return all;
        }
        Set<String> failedIds = new HashSet<>();
        if (response != null && response.getBatchItemFailures() != null) {
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                String id = failure.getItemIdentifier();
                if (id == null || id.isEmpty() || !all.contains(id)) {
                    JsonLog.warn("batch item failure names no message of the batch; the whole batch will be retried",
                            "itemIdentifier", id);
                    return all;
                }
                failedIds.add(id);
            }
        }
        return failedIds;
    }

    private SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> messageAttributes.put(name, attribute(value)));
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queues.arn());
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        return attribute;
    }
}
