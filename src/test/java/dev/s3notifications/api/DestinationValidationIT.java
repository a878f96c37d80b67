package dev.s3notifications.api;

import static dev.s3notifications.api.PutBucketNotificationValidationTest.document;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.function;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.queue;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.topic;
import static dev.s3notifications.testing.S3Requests.getNotification;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static dev.s3notifications.testing.S3Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.InvokeApi;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.S3ErrorDocument;
import dev.s3notifications.testing.S3Requests;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * PUT ?notification naming queues and functions, wired as in Lambda against moto's DynamoDB, SNS and SQS and an
 * Invoke API endpoint of our own (invoking on moto needs Docker): S3's checks of each destination, its test event on
 * the queue, and nothing stored when a check fails.
 */
class DestinationValidationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String QUEUE_ARN_PREFIX = "arn:aws:sqs:us-east-1:123456789012:";

    private static S3Api api;
    private static SqsClient sqs;
    private static InvokeApi lambda;

    private String bucket;
    private String queueUrl;
    private String queueArn;

    @BeforeAll
    static void wireAgainstEmulators() {
        MotoServer moto = MotoServer.shared();
        lambda = InvokeApi.start("us-east-1", "123456789012");
        String table = "buckets-" + UUID.randomUUID();
        try (var dynamoDb = AwsTestClients.dynamoDb(moto.endpoint())) {
            DynamoDbTables.createBuckets(dynamoDb, table);
        }
        AwsTestClients.defaultChainCredentials();
        api = Wiring.api(Settings.from(Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table,
                "AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString(),
                // Unsigned requests act as the account S3Requests names: this test is about destinations, not signatures.
                "UNSIGNED_REQUESTS_ACCOUNT_ID", S3Requests.ACCOUNT)));
        sqs = AwsTestClients.sqs(moto.endpoint());
    }

    @AfterAll
    static void stopLambda() {
        lambda.close();
    }

    @BeforeEach
    void bucketAndQueue() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        bucket = "photos-" + unique;
        assertThat(api.handle(request("PUT", bucket).build()).status()).isEqualTo(200);
        queueUrl = sqs.createQueue(b -> b.queueName("uploads-" + unique)).queueUrl();
        queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void aQueueGetsS3sTestEventAsItsRawBodyOnce() throws Exception {
        S3Response response = api.handle(putNotification(bucket, document(queue("created", queueArn, "s3:ObjectCreated:*")
                + queue("removed", queueArn, "s3:ObjectRemoved:*"))).build());

        assertThat(response.status()).isEqualTo(200);
        List<Message> received = AwsTestClients.receive(sqs, queueUrl, 1, WAIT);
        assertThat(received).singleElement().satisfies(message -> assertThat(message.messageAttributes()).isEmpty());
        JsonNode event = JSON.readTree(received.get(0).body());
        assertThat(event.properties()).extracting(Map.Entry::getKey)
                .containsExactly("Service", "Event", "Time", "Bucket", "RequestId", "HostId");
        assertThat(event.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(event.get("Bucket").asText()).isEqualTo(bucket);
        assertThat(event.get("RequestId").asText()).isEqualTo(response.headers().get("x-amz-request-id"));
        assertThat(AwsTestClients.drain(sqs, queueUrl, QUIET)).as("one test event per queue, not per configuration").isEmpty();
        assertThat(api.handle(getNotification(bucket).build()).body()).contains("<Queue>" + queueArn + "</Queue>");
    }

    @Test
    void aMissingQueueAndAFifoQueueFailTheWholePutWhichStoresNothing() {
        String before = api.handle(getNotification(bucket).build()).body();
        String missing = QUEUE_ARN_PREFIX + "missing-" + bucket;
        String fifoUrl = sqs.createQueue(b -> b.queueName("ordered-" + bucket + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String fifo = QUEUE_ARN_PREFIX + "ordered-" + bucket + ".fifo";

        S3Response response = api.handle(putNotification(bucket, document(queue("ok", queueArn, "s3:ObjectCreated:*")
                + queue("gone", missing, "s3:ObjectRemoved:*") + queue("ordered", fifo, "s3:ObjectTagging:*"))).build());

        S3ErrorDocument error = S3ErrorDocument.of(response);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("InvalidArgument");
        assertThat(error.message()).isEqualTo("Unable to validate the following destination configurations");
        assertThat(error.details()).containsExactly(
                Map.entry("ArgumentName1", missing), Map.entry("ArgumentValue1", "The destination queue does not exist"),
                Map.entry("ArgumentName2", fifo),
                Map.entry("ArgumentValue2", "The destination queue is a FIFO queue; notifications go to standard queues only"));
        assertThat(api.handle(getNotification(bucket).build()).body()).isEqualTo(before);
        assertThat(AwsTestClients.drain(sqs, fifoUrl, QUIET)).as("a FIFO queue gets no test event").isEmpty();
    }

    @Test
    void aFunctionIsCheckedWithADryRunAndGetsNoTestEvent() {
        String function = lambda.create("thumbnails-" + bucket);

        S3Response response = api.handle(putNotification(bucket, document(function("resize", function, "s3:ObjectCreated:*")))
                .build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(lambda.invocations()).filteredOn(i -> i.functionArn().equals(function))
                .singleElement().satisfies(i -> assertThat(i.invocationType()).isEqualTo("DryRun"));
        assertThat(api.handle(getNotification(bucket).build()).body()).contains("<CloudFunction>" + function + "</CloudFunction>");
    }

    @Test
    void aMissingFunctionIsNotAuthorizedInS3sWordsAndNothingIsStored() {
        String existing = lambda.create("thumbnails-" + bucket);
        api.handle(putNotification(bucket, document(function("resize", existing, "s3:ObjectCreated:*"))).build());
        String before = api.handle(getNotification(bucket).build()).body();
        String missing = "arn:aws:lambda:us-east-1:123456789012:function:missing-" + bucket;

        S3ErrorDocument error = S3ErrorDocument.of(api.handle(putNotification(bucket,
                document(function("resize", missing, "s3:ObjectCreated:*"))).build()));

        assertThat(error.code()).isEqualTo("InvalidArgument");
        assertThat(error.message()).isEqualTo("Unable to validate the following destination configurations");
        assertThat(error.details()).containsExactly(Map.entry("ArgumentName1", missing + ", null"),
                Map.entry("ArgumentValue1", "Not authorized to invoke function [" + missing + "]"));
        assertThat(api.handle(getNotification(bucket).build()).body()).isEqualTo(before).contains(existing);
    }

    @Test
    void failuresOfEveryKindAreReportedTopicsThenQueuesThenFunctions() {
        String missingTopic = "arn:aws:sns:us-east-1:123456789012:missing-" + bucket;
        String missingQueue = QUEUE_ARN_PREFIX + "missing-" + bucket;
        String missingFunction = "arn:aws:lambda:us-east-1:123456789012:function:missing-" + bucket;

        S3ErrorDocument error = S3ErrorDocument.of(api.handle(putNotification(bucket, document(
                topic("t", missingTopic, "s3:ObjectCreated:*") + queue("q", missingQueue, "s3:ObjectRemoved:*")
                        + function("f", missingFunction, "s3:ObjectTagging:*"))).build()));

        assertThat(error.details()).containsExactly(
                Map.entry("ArgumentName1", missingTopic), Map.entry("ArgumentValue1", "The destination topic does not exist"),
                Map.entry("ArgumentName2", missingQueue), Map.entry("ArgumentValue2", "The destination queue does not exist"),
                Map.entry("ArgumentName3", missingFunction + ", null"),
                Map.entry("ArgumentValue3", "Not authorized to invoke function [" + missingFunction + "]"));
    }

    @Test
    void skippingValidationChecksNoQueueOrFunctionAndSendsNothing() {
        String missingFunction = "arn:aws:lambda:us-east-1:123456789012:function:missing-" + bucket;
        int invocationsBefore = lambda.invocations().size();

        S3Response response = api.handle(putNotification(bucket, document(queue("q", queueArn, "s3:ObjectCreated:*")
                + function("f", missingFunction, "s3:ObjectRemoved:*")))
                .header("x-amz-skip-destination-validation", "true").build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(AwsTestClients.drain(sqs, queueUrl, QUIET)).isEmpty();
        assertThat(lambda.invocations()).hasSize(invocationsBefore);
    }
}
