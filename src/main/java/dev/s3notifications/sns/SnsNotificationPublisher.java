package dev.s3notifications.sns;

import dev.s3notifications.event.Notification;
import dev.s3notifications.event.NotificationPublisher;
import dev.s3notifications.logging.JsonLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.KmsThrottlingException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

/**
 * Publishes S3 event messages to SNS as S3 does (Subject "Amazon S3 Notification", the JSON as Message), with as
 * few calls as it can: a topic that gets one message in a batch gets a {@code Publish}; a topic that gets several
 * gets {@code PublishBatch} calls of up to 10 entries and 256 KiB. Throttling and server errors, of a whole call
 * or of single entries, are retried with exponential backoff and jitter (on top of the SDK's own retries of
 * whole calls); what still fails, or is refused (missing topic, no permission), is returned as undelivered.
 * <a href="https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html">PublishBatch</a>
 */
public final class SnsNotificationPublisher implements NotificationPublisher {
    static final int MAX_BATCH_ENTRIES = 10;
    /** The total size of the messages of one PublishBatch; counted with the subjects, to be safe. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final int SUBJECT_BYTES = SnsDestinationVerifier.SUBJECT.length();

    /** Waits between attempts; {@link Thread#sleep(Duration)} outside tests. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How a failed publish is retried: up to {@code maxAttempts} attempts in all, waiting between {@code delay}/2
     * and {@code delay} before attempt n+1, where delay is {@code baseDelay} doubled n-1 times, at most {@code maxDelay}.
     */
    public record Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
        /** At most about 0.35 s of waiting per batch: well inside any sensible function timeout. */
        public static final Retry DEFAULT = new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), Thread::sleep);

        Duration delayBefore(int nextAttempt) {
            long delay = Math.min(maxDelay.toNanos(), baseDelay.toNanos() << Math.min(nextAttempt - 2, 20));
            return Duration.ofNanos(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
        }
    }

    private final SnsClient sns;
    private final Retry retry;

    public SnsNotificationPublisher(SnsClient sns) {
        this(sns, Retry.DEFAULT);
    }

    public SnsNotificationPublisher(SnsClient sns, Retry retry) {
        this.sns = sns;
        this.retry = retry;
    }

    @Override
    public List<Notification> publish(List<Notification> notifications) {
        Map<String, List<Notification>> byTopic = new LinkedHashMap<>();
        for (Notification notification : notifications) {
            byTopic.computeIfAbsent(notification.topicArn(), topic -> new ArrayList<>()).add(notification);
        }
        List<Notification> undelivered = new ArrayList<>();
        for (Map.Entry<String, List<Notification>> topic : byTopic.entrySet()) {
            if (topic.getValue().size() == 1) {
                deliver(topic.getKey(), topic.getValue(), false, undelivered);
            } else {
                for (List<Notification> batch : batches(topic.getKey(), topic.getValue(), undelivered)) {
                    deliver(topic.getKey(), batch, true, undelivered);
                }
            }
        }
        return undelivered;
    }

    /** What one attempt left to do: notifications refused for good, and notifications worth another attempt. */
    private record Attempt(List<Notification> refused, List<Notification> retryable, String reason) {
        static final Attempt DONE = new Attempt(List.of(), List.of(), null);
    }

    private void deliver(String topic, List<Notification> notifications, boolean asBatch, List<Notification> undelivered) {
        List<Notification> pending = notifications;
        for (int attempt = 1; ; attempt++) {
            Attempt result = asBatch ? publishBatch(topic, pending) : publishOne(topic, pending.get(0));
            for (Notification refused : result.refused()) {
                logUndelivered(refused, result.reason(), attempt);
            }
            undelivered.addAll(result.refused());
            if (result.retryable().isEmpty()) {
                return;
            }
            if (attempt == retry.maxAttempts() || !pause(retry.delayBefore(attempt + 1))) {
                for (Notification given : result.retryable()) {
                    logUndelivered(given, result.reason(), attempt);
                }
                undelivered.addAll(result.retryable());
                return;
            }
            pending = result.retryable();
        }
    }

    private Attempt publishOne(String topic, Notification notification) {
        try {
            sns.publish(b -> b.topicArn(topic).subject(SnsDestinationVerifier.SUBJECT).message(notification.message()));
            return Attempt.DONE;
        } catch (SdkException e) {
            List<Notification> one = List.of(notification);
            return isRetryable(e) ? new Attempt(List.of(), one, reason(e)) : new Attempt(one, List.of(), reason(e));
        }
    }

    private Attempt publishBatch(String topic, List<Notification> batch) {
        List<PublishBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(i))
                    .subject(SnsDestinationVerifier.SUBJECT).message(batch.get(i).message()).build());
        }
        PublishBatchResponse response;
        try {
            response = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entries));
        } catch (SdkException e) {
            return isRetryable(e) ? new Attempt(List.of(), batch, reason(e)) : new Attempt(batch, List.of(), reason(e));
        }
        boolean[] answered = new boolean[batch.size()];
        for (PublishBatchResultEntry success : response.successful()) {
            answered[Integer.parseInt(success.id())] = true;
        }
        List<Notification> refused = new ArrayList<>();
        List<Notification> retryable = new ArrayList<>();
        String reason = null;
        for (BatchResultErrorEntry failure : response.failed()) {
            int index = Integer.parseInt(failure.id());
            answered[index] = true;
            reason = failure.code() + ": " + failure.message();
            if (Boolean.TRUE.equals(failure.senderFault()) && !isThrottling(failure.code())) {
                refused.add(batch.get(index));
            } else {
                retryable.add(batch.get(index));
            }
        }
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i]) { // neither published nor failed: not known to be delivered, so try again
                retryable.add(batch.get(i));
                reason = reason == null ? "SNS did not report on the entry" : reason;
            }
        }
        return refused.isEmpty() && retryable.isEmpty() ? Attempt.DONE : new Attempt(refused, retryable, reason);
    }

    /** Splits one topic's notifications into PublishBatch calls; one too large for SNS is undelivered. */
    private static List<List<Notification>> batches(String topic, List<Notification> notifications, List<Notification> undelivered) {
        List<List<Notification>> batches = new ArrayList<>();
        List<Notification> batch = new ArrayList<>(MAX_BATCH_ENTRIES);
        int bytes = 0;
        for (Notification notification : notifications) {
            int size = notification.message().getBytes(StandardCharsets.UTF_8).length + SUBJECT_BYTES;
            if (size > MAX_BATCH_BYTES) {
                logUndelivered(notification, "the message is larger than SNS accepts (" + size + " bytes)", 0);
                undelivered.add(notification);
                continue;
            }
            if (batch.size() == MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>(MAX_BATCH_ENTRIES);
                bytes = 0;
            }
            batch.add(notification);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private boolean pause(Duration delay) {
        try {
            retry.sleeper().sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Throttling and server-side failures pass; a refusal (no topic, no permission, bad request) does not. */
    private static boolean isRetryable(SdkException e) {
        if (e instanceof ThrottledException || e instanceof KmsThrottlingException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || isUnreadable(service);
        }
        return true; // the SDK's own failures: I/O, timeouts
    }

    /**
     * An error answer without an error code: SNS always names its errors, so this is an answer that did not arrive
     * whole (a connection cut in the middle of it), which says nothing about the topic or the message: retry it.
     * A modelled exception (NotFoundException, ...) means the SDK read a code, so only the generic classes count.
     */
    static boolean isUnreadable(AwsServiceException e) {
        boolean generic = e.getClass() == SnsException.class || e.getClass() == AwsServiceException.class;
        return generic && (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                || e.awsErrorDetails().errorCode().isEmpty());
    }

    private static boolean isThrottling(String code) {
        return code != null && (code.startsWith("Throttl") || code.equals("KMSThrottling") || code.equals("TooManyRequestsException"));
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void logUndelivered(Notification notification, String reason, int attempts) {
        JsonLog.warn("could not publish an S3 event message; its queue message fails and will be retried",
                "topic", notification.topicArn(), "messageId", notification.sourceMessageId(), "reason", reason,
                "attempts", Integer.toString(attempts));
    }
}
