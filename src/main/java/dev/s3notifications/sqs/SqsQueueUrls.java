package dev.s3notifications.sqs;

import dev.s3notifications.notification.Arn;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The URL of each queue a configuration names by ARN, asked of SQS ({@code GetQueueUrl}) once per queue and kept
 * for the life of the container: a queue's URL never changes, and SQS calls take the URL, not the ARN.
 */
final class SqsQueueUrls {
    private final SqsClient sqs;
    private final ConcurrentHashMap<String, String> urls = new ConcurrentHashMap<>();

    SqsQueueUrls(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException when there is no such queue
     * @throws software.amazon.awssdk.core.exception.SdkException when SQS cannot say
     */
    private String url(String queueArn) {
        String known = urls.get(queueArn);
        if (known != null) {
            return known;
        }
        Arn arn = Arn.parse(queueArn);
        String url = sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.accountId())).queueUrl();
        urls.put(queueArn, url);
        return url;
    }

    /**
     * Makes {@code call} with the queue's URL. When SQS says the queue is gone, its URL is forgotten (the queue may be
     * created again, under another URL) and the exception thrown on.
     *
     * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException when there is no such queue
     * @throws software.amazon.awssdk.core.exception.SdkException when SQS cannot say
     */
    <T> T call(String queueArn, Function<String, T> call) {
        try {
            return call.apply(url(queueArn));
        } catch (QueueDoesNotExistException e) {
            urls.remove(queueArn);
            throw e;
        }
    }
}
