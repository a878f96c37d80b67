package dev.s3notifications.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SNS topics with SQS queues subscribed to them, in an emulator; reading waits for messages, never sleeps blindly. */
public final class Subscriptions {
    private final SnsClient sns;
    private final SqsClient sqs;

    public Subscriptions(SnsClient sns, SqsClient sqs) {
        this.sns = sns;
        this.sqs = sqs;
    }

    /** A new topic with a unique name starting with {@code name}; returns its ARN. */
    public String topic(String name) {
        return sns.createTopic(b -> b.name(name + "-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
    }

    /** A new queue subscribed to {@code topicArn}; raw delivery puts the bare message in the body. Returns its URL. */
    public String queueSubscribedTo(String topicArn, boolean raw) {
        String url = sqs.createQueue(b -> b.queueName("sub-" + UUID.randomUUID())).queueUrl();
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(url))
                .attributes(Map.of("RawMessageDelivery", Boolean.toString(raw))));
        return url;
    }

    public String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Exactly {@code count} message bodies, received (and deleted) within {@code timeout}; fails otherwise. */
    public List<String> receive(String queueUrl, int count, Duration timeout) {
        List<String> bodies = receiveWhile(queueUrl, received -> received.size() < count, timeout);
        if (bodies.size() != count) {
            throw new AssertionError("expected " + count + " messages on " + queueUrl + " within " + timeout + ", got " + bodies);
        }
        return bodies;
    }

    /** The bodies received (and deleted) up to and including the first one {@code last} accepts. */
    public List<String> receiveUntil(String queueUrl, Predicate<String> last, Duration timeout) {
        List<String> bodies = receiveWhile(queueUrl, received -> received.stream().noneMatch(last), timeout);
        if (bodies.stream().noneMatch(last)) {
            throw new AssertionError("the awaited message did not arrive on " + queueUrl + " within " + timeout + "; got " + bodies);
        }
        return bodies;
    }

    private List<String> receiveWhile(String queueUrl, Predicate<List<String>> more, Duration timeout) {
        List<String> bodies = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (more.test(bodies) && Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return bodies;
    }
}
