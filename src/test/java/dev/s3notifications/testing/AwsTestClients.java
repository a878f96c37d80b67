package dev.s3notifications.testing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SDK clients for the emulators, built like the functions' own (URLConnection HTTP client, us-east-1) with fixed
 * test credentials, optionally with interceptors (e.g. an {@link AwsCallCounter}); and the topic → queue
 * subscriptions tests read deliveries from.
 */
public final class AwsTestClients {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private AwsTestClients() {
    }

    /**
     * Gives the default credentials chain, which the functions' own clients ({@code AwsClients}) use, test
     * credentials when the environment has none: the emulators accept any, and a rehearsal still signs.
     */
    public static void defaultChainCredentials() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    public static SnsClient sns(URI endpoint, ExecutionInterceptor... interceptors) {
        return SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static LambdaClient lambda(URI endpoint) {
        return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static EventBridgeClient eventBridge(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))).build();
    }

    /** A new queue subscribed to {@code topicArn}; raw delivery puts the bare message in the queue, else the SNS envelope. */
    public static String subscribedQueue(SnsClient sns, SqsClient sqs, String topicArn, String queueName, boolean raw) {
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", Boolean.toString(raw))));
        return queueUrl;
    }

    /** A new queue that a rule of the default event bus, with {@code eventPattern}, sends the events it matches to. */
    public static String queueForEvents(EventBridgeClient eventBridge, SqsClient sqs, String name, String eventPattern) {
        String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(b -> b.name(name).eventPattern(eventPattern));
        eventBridge.putTargets(b -> b.rule(name).targets(t -> t.id("queue").arn(queueArn)));
        return queueUrl;
    }

    /** Receives until {@code count} messages have arrived or the timeout passes; deletes what it received. */
    public static List<Message> receive(SqsClient sqs, String queueUrl, int count, Duration timeout) {
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message message : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            received.addAll(batch);
        }
        return received;
    }

    /** Receives and deletes everything a queue holds now, visible or coming back; returns how many messages. */
    public static int drainCount(SqsClient sqs, String queueUrl) {
        int drained = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return drained;
            }
            drained += messages.size();
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : messages) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    /** What arrives in {@code queueUrl} within {@code quiet}: for asserting that nothing (more) was delivered. */
    public static List<Message> drain(SqsClient sqs, String queueUrl, Duration quiet) {
        return receive(sqs, queueUrl, Integer.MAX_VALUE, quiet);
    }

    /** Messages in a queue, visible or in flight (SQS's approximate counts, exact on the emulator). */
    public static int messagesIn(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
