package dev.s3notifications.sqs;

import dev.s3notifications.aws.AwsErrors;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import dev.s3notifications.store.DependencyUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Proves SQS queues the way S3 does: a FIFO queue is refused (S3 delivers to standard queues only), and every other
 * distinct queue gets the {@code s3:TestEvent} message as its body, which fails when the queue does not exist or
 * does not let us send. The queue must also be in the bucket's region, which the configuration's validation checks.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ways-to-add-notification-config-to-bucket.html">Configuring a queue</a>
 */
public final class SqsDestinationVerifier implements DestinationVerifier {
    static final String QUEUE_MISSING = "The destination queue does not exist";
    static final String NOT_PERMITTED =
            "Permissions on the destination queue do not allow S3 to publish notifications from this bucket";
    static final String FIFO_QUEUE = "The destination queue is a FIFO queue; notifications go to standard queues only";

    private final SqsClient sqs;
    private final SqsQueueUrls queueUrls;

    public SqsDestinationVerifier(SqsClient sqs) {
        this.sqs = sqs;
        this.queueUrls = new SqsQueueUrls(sqs);
    }

    @Override
    public Verification verify(List<DestinationConfiguration> destinations, String testMessage) {
        Set<String> queues = new LinkedHashSet<>();
        for (DestinationConfiguration destination : destinations) {
            if (destination.type() == DestinationType.QUEUE) {
                queues.add(destination.arn());
            }
        }
        List<Argument> failures = new ArrayList<>();
        Map<String, String> messageIds = new LinkedHashMap<>();
        for (String queue : queues) {
            if (queue.endsWith(".fifo")) {
                failures.add(new Argument(queue, FIFO_QUEUE));
                continue;
            }
            try {
                messageIds.put(queue, queueUrls.call(queue,
                        url -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(testMessage))).messageId());
            } catch (QueueDoesNotExistException e) {
                failures.add(new Argument(queue, QUEUE_MISSING));
            } catch (SdkException e) {
                // Throttling, a server-side failure or an answer we could not read says nothing about the queue.
                if (AwsErrors.isRetryable(e)) {
                    throw new DependencyUnavailableException("SQS: " + e.getMessage(), e);
                }
                failures.add(new Argument(queue, isPermission(e) ? NOT_PERMITTED
                        : "The destination queue refused the test message: " + AwsErrors.message(e)));
            }
        }
        return new Verification(failures, messageIds);
    }

    /** Access denied by the queue's policy or by the KMS key that encrypts it. */
    private static boolean isPermission(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String code = AwsErrors.errorCode(service);
        return service.statusCode() == 403 || (code != null && (code.contains("AccessDenied") || code.startsWith("Kms")
                || code.startsWith("KMS")));
    }
}
