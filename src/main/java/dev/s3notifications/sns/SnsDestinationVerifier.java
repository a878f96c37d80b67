package dev.s3notifications.sns;

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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Proves SNS topics the way S3 does: by publishing the {@code s3:TestEvent} message to each distinct topic.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-enable-disable-notification-intro.html">Enabling notifications</a>
 */
public final class SnsDestinationVerifier implements DestinationVerifier {
    /** The subject S3 gives every message it publishes to SNS. */
    public static final String SUBJECT = "Amazon S3 Notification";

    static final String TOPIC_MISSING = "The destination topic does not exist";
    static final String NOT_PERMITTED =
            "Permissions on the destination topic do not allow S3 to publish notifications from this bucket";
    static final String FIFO_TOPIC = "The destination topic is a FIFO topic; notifications go to standard topics only";

    private final SnsClient sns;

    public SnsDestinationVerifier(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public Verification verify(List<DestinationConfiguration> destinations, String testMessage) {
        Set<String> topics = new LinkedHashSet<>();
        for (DestinationConfiguration destination : destinations) {
            if (destination.type() == DestinationType.TOPIC) {
                topics.add(destination.arn());
            }
        }
        List<Argument> failures = new ArrayList<>();
        Map<String, String> messageIds = new LinkedHashMap<>();
        for (String topic : topics) {
            if (topic.endsWith(".fifo")) { // S3 delivers to standard topics only
                failures.add(new Argument(topic, FIFO_TOPIC));
                continue;
            }
            try {
                messageIds.put(topic, sns.publish(b -> b.topicArn(topic).subject(SUBJECT).message(testMessage)).messageId());
            } catch (NotFoundException e) {
                failures.add(new Argument(topic, TOPIC_MISSING));
            } catch (AuthorizationErrorException | KmsAccessDeniedException e) {
                failures.add(new Argument(topic, NOT_PERMITTED));
            } catch (SdkException e) {
                // Throttling, a server-side failure or an answer we could not read says nothing about the topic.
                if (AwsErrors.isRetryable(e)) {
                    throw new DependencyUnavailableException("SNS: " + e.getMessage(), e);
                }
                failures.add(new Argument(topic, "The destination topic refused the test message: "
                        + AwsErrors.message(e)));
            }
        }
        return new Verification(failures, messageIds);
    }
}
