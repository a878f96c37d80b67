package dev.s3notifications.api;

import static dev.s3notifications.api.PutBucketNotificationValidationTest.document;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.topic;
import static dev.s3notifications.testing.S3Requests.getNotification;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static dev.s3notifications.testing.S3Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.S3ErrorDocument;
import dev.s3notifications.testing.S3Requests;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The API wired exactly as in Lambda (Wiring.api): DynamoDB and SNS on a moto server, with
 * the test messages read back through SQS queues subscribed to the topics.
 */
class NotificationApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static S3Api api;
    private static SnsClient sns;
    private static SqsClient sqs;

    private String bucket;
    private String topicArn;
    private String queueUrl;

    @BeforeAll
    static void wireAgainstEmulators() {
        MotoServer moto = MotoServer.shared();
        String table = "buckets-" + UUID.randomUUID();
        try (var dynamoDb = AwsTestClients.dynamoDb(moto.endpoint())) {
            DynamoDbTables.createBuckets(dynamoDb, table);
        }
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("BUCKETS_TABLE", table);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", moto.endpoint().toString());
        // This test is about SNS and DynamoDB, not signatures (the real-client tests are): its unsigned requests act
        // as the account S3Requests names.
        env.put("UNSIGNED_REQUESTS_ACCOUNT_ID", S3Requests.ACCOUNT);
        api = Wiring.api(Settings.from(env));
        sns = AwsTestClients.sns(moto.endpoint());
        sqs = AwsTestClients.sqs(moto.endpoint());
    }

    @BeforeEach
    void bucketAndSubscribedTopic() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        bucket = "photos-" + unique;
        assertThat(api.handle(request("PUT", bucket).build()).status()).isEqualTo(200);
        topicArn = sns.createTopic(b -> b.name("images-" + unique)).topicArn();
        queueUrl = AwsTestClients.subscribedQueue(sns, sqs, topicArn, "images-" + unique, false);
    }

    @Test
    void aValidPutPublishesOneTestEventPerDistinctTopic() throws Exception {
        String otherTopic = sns.createTopic(b -> b.name("audit-" + bucket)).topicArn();
        String otherQueue = AwsTestClients.subscribedQueue(sns, sqs, otherTopic, "audit-" + bucket, true);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        S3Response response = api.handle(putNotification(bucket, document(topic("created", topicArn, "s3:ObjectCreated:*")
                + topic("removed", topicArn, "s3:ObjectRemoved:*") + topic("tagged", otherTopic, "s3:ObjectTagging:*"))).build());

        assertThat(response.status()).isEqualTo(200);
        List<Message> wrapped = AwsTestClients.receive(sqs, queueUrl, 1, WAIT);
        assertThat(wrapped).hasSize(1);
        JsonNode envelope = JSON.readTree(wrapped.get(0).body());
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.get("Subject").asText()).isEqualTo("Amazon S3 Notification");
        assertTestEvent(envelope.get("Message").asText(), response, before);

        List<Message> raw = AwsTestClients.receive(sqs, otherQueue, 1, WAIT);
        assertThat(raw).hasSize(1);
        assertTestEvent(raw.get(0).body(), response, before);

        assertThat(AwsTestClients.drain(sqs, queueUrl, QUIET)).as("one test event per topic, not per configuration").isEmpty();
    }

    private void assertTestEvent(String message, S3Response response, Instant before) throws Exception {
        JsonNode event = JSON.readTree(message);
        assertThat(event.properties()).extracting(Map.Entry::getKey)
                .containsExactly("Service", "Event", "Time", "Bucket", "RequestId", "HostId");
        assertThat(event.get("Service").asText()).isEqualTo("Amazon S3");
        assertThat(event.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(event.get("Bucket").asText()).isEqualTo(bucket);
        assertThat(event.get("RequestId").asText()).isEqualTo(response.headers().get("x-amz-request-id"));
        assertThat(event.get("HostId").asText()).isEqualTo(response.headers().get("x-amz-id-2"));
        assertThat(event.get("Time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(event.get("Time").asText())).isBetween(before, Instant.now());
    }

    @Test
    void aPutNamingAMissingTopicStoresNothingAndSaysWhy() {
        String before = api.handle(getNotification(bucket).build()).body();
        String missing = topicArn + "-missing";

        S3Response response = api.handle(putNotification(bucket,
                document(topic("ok", topicArn, "s3:ObjectCreated:*") + topic("gone", missing, "s3:ObjectRemoved:*"))).build());

        S3ErrorDocument error = S3ErrorDocument.of(response);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("InvalidArgument");
        assertThat(error.message()).isEqualTo("Unable to validate the following destination configurations");
        assertThat(error.details()).containsExactly(
                Map.entry("ArgumentName1", missing), Map.entry("ArgumentValue1", "The destination topic does not exist"));
        assertThat(api.handle(getNotification(bucket).build()).body()).isEqualTo(before);
    }

    @Test
    void getReturnsWhatS3Would() {
        api.handle(putNotification(bucket, document(topic("created", topicArn, "s3:ObjectCreated:*"))
                .replace("<TopicConfiguration>", "<TopicConfiguration><Filter><S3Key><FilterRule><Name>prefix</Name>"
                        + "<Value>images/</Value></FilterRule></S3Key></Filter>")).build());

        S3Response get = api.handle(getNotification(bucket).build());

        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TopicConfiguration>"
                + "<Id>created</Id><Topic>" + topicArn + "</Topic><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule>"
                + "<Name>Prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter></TopicConfiguration></NotificationConfiguration>");
    }

    @Test
    void skippingValidationSendsNoTestEvent() {
        S3Response response = api.handle(putNotification(bucket, document(topic("created", topicArn, "s3:ObjectCreated:*")))
                .header("x-amz-skip-destination-validation", "true").build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(AwsTestClients.drain(sqs, queueUrl, QUIET)).isEmpty();
    }

    @Test
    void getOfAMissingBucketIsNoSuchBucket() {
        S3ErrorDocument error = S3ErrorDocument.of(api.handle(getNotification("missing-" + bucket).build()));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.code()).isEqualTo("NoSuchBucket");
        assertThat(error.details()).containsExactly(Map.entry("BucketName", "missing-" + bucket));
    }
}
