package dev.s3notifications.notification;

import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import java.util.List;
import java.util.Map;

/**
 * Proves that destinations exist and accept notifications from a bucket, as S3 does before it stores a
 * configuration: for topics and queues by sending them S3's {@code s3:TestEvent} message, for functions by checking
 * that they may be invoked. An implementation looks at the destinations of its own kind and ignores the others.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html">PutBucketNotificationConfiguration</a>
 */
public interface DestinationVerifier {

    /**
     * @param failures        one argument per destination that failed, in configuration order: which, and why
     * @param testMessageIds  the message id of each test message sent, by destination ARN
     */
    record Verification(List<Argument> failures, Map<String, String> testMessageIds) { }

    /** @param testMessage the {@code s3:TestEvent} message, as topics and queues receive it */
    Verification verify(List<DestinationConfiguration> destinations, String testMessage);
}
