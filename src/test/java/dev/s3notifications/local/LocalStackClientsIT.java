package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Unmodified S3 clients against the local stack, as a new user would run them: the AWS CLI ({@code aws s3api}) and
 * boto3 ({@code src/test/python/local_stack_boto3.py}), with {@code --endpoint-url} at the stack and the first
 * {@code credentials} pair it announced.
 */
class LocalStackClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static LocalStack stack;
    private static final List<String> announced = new CopyOnWriteArrayList<>();
    private static URI sns;
    private static String topicArn;
    private static String queueUrl;
    private static SqsClient sqs;
    private static final List<JsonNode> delivered = new ArrayList<>();

    @BeforeAll
    static void startStackAndSubscribeAQueueToATopic() {
        // No endpoint variables: the stack starts its own moto server, as for a new user.
        stack = LocalStack.start(0, Map.of("AWS_REGION", "us-east-1"), announced::add);
        sns = URI.create(stack.announced("sns"));

        topicArn = Command.aws(sns, Map.of(), "sns", "create-topic", "--name", "notifications-" + RUN, "--query", "TopicArn",
                "--output", "text").succeeded().trim();
        queueUrl = Command.aws(sns, Map.of(), "sqs", "create-queue", "--queue-name", "notifications-" + RUN, "--query", "QueueUrl",
                "--output", "text").succeeded().trim();
        String queueArn = Command.aws(sns, Map.of(), "sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names",
                "QueueArn", "--query", "Attributes.QueueArn", "--output", "text").succeeded().trim();
        Command.aws(sns, Map.of(), "sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs", "--notification-endpoint", queueArn)
                .succeeded();
        sqs = SqsClient.builder().endpointOverride(URI.create(stack.announced("sqs"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stopStack() {
        if (sqs != null) {
            sqs.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static Command s3api(String... args) {
        List<String> command = new ArrayList<>(List.of("s3api"));
        command.addAll(List.of(args));
        return Command.aws(stack.endpoint(), stack.credentialsEnvironment(), command.toArray(String[]::new));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String file(String name, String content) {
        try {
            Path path = Files.createTempFile(name, ".json");
            path.toFile().deleteOnExit();
            Files.writeString(path, content, StandardCharsets.UTF_8);
            return "file://" + path;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The s3:TestEvent S3 sent through the topic for {@code bucket}: the SNS envelope, as the queue received it. */
    private static JsonNode awaitTestEvent(String bucket) {
        return awaitMessage("an s3:TestEvent for " + bucket, message -> bucket.equals(message.path("Bucket").asText()));
    }

    /** The first SNS envelope delivered to the subscribed queue whose message satisfies {@code wanted}. */
    private static JsonNode awaitMessage(String what, java.util.function.Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            for (JsonNode envelope : delivered) {
                if (wanted.test(json(envelope.get("Message").asText()))) {
                    return envelope;
                }
            }
            assertThat(Instant.now()).as("%s by now", what).isBefore(deadline);
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> delivered.add(json(m.body())));
        }
    }

    @Test
    void anObjectEventSentToTheObjectEventsQueueArrivesOnTheTopicInS3sFormat() {
        String bucket = "fanout-photos-" + RUN;
        s3api("create-bucket", "--bucket", bucket).succeeded();
        s3api("put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration",
                file("configuration", """
                        {"TopicConfigurations": [{"Id": "jpegs", "TopicArn": "%s", "Events": ["s3:ObjectCreated:*"],
                          "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}]}}}]}""".formatted(topicArn)))
                .succeeded();
        String event = """
                {"eventName": "s3:ObjectCreated:Put", "bucket": "%s", "key": "images/red flower.jpg", "size": 1024,
                 "eTag": "d41d8cd98f00b204e9800998ecf8427e", "sequencer": "0055AED6DCD90281E5",
                 "eventTime": "2026-11-22T10:15:30.123Z", "requesterPrincipalId": "AWS:AIDAJDPLRKLG7UEXAMPLE",
                 "sourceIpAddress": "203.0.113.7", "requestId": "C3D13FE58DE4C810", "hostId": "FMyUVURIY8"}""".formatted(bucket);

        Command.aws(URI.create(stack.announced("sqs")), Map.of(), "sqs", "send-message", "--queue-url", stack.announced("object-events"), "--message-body", event)
                .succeeded();

        JsonNode envelope = awaitMessage("the notification for " + bucket,
                message -> bucket.equals(message.path("Records").path(0).path("s3").path("bucket").path("name").asText()));
        assertThat(envelope.get("Subject").asText()).isEqualTo("Amazon S3 Notification");
        JsonNode record = json(envelope.get("Message").asText()).get("Records").get(0);
        assertThat(record.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.at("/s3/configurationId").asText()).isEqualTo("jpegs");
        assertThat(record.at("/s3/object/key").asText()).isEqualTo("images/red+flower.jpg");
        assertThat(record.at("/s3/object/size").isIntegralNumber()).isTrue();
    }

    @Test
    void cliPutsAndGetsTheNormalisedConfigurationAndTheQueueGetsTheTestEvent() {
        String bucket = "cli-photos-" + RUN;
        assertThat(json(s3api("create-bucket", "--bucket", bucket).succeeded()))
                .isEqualTo(json("{\"Location\": \"/" + bucket + "\"}"));

        String configuration = """
                {"TopicConfigurations": [
                  {"Id": "images", "TopicArn": "%1$s", "Events": ["s3:ObjectCreated:*"],
                   "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "SUFFIX", "Value": ".jpg"}]}}},
                  {"TopicArn": "%1$s", "Events": ["s3:ObjectRemoved:*"]}
                ]}""".formatted(topicArn);
        assertThat(s3api("put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", file("configuration", configuration)).succeeded()).isEmpty();

        JsonNode got = json(s3api("get-bucket-notification-configuration", "--bucket", bucket).succeeded());
        JsonNode generatedId = got.at("/TopicConfigurations/1/Id");
        assertThat(generatedId.asText()).hasSize(48);
        assertThat(new String(Base64.getDecoder().decode(generatedId.asText()), StandardCharsets.US_ASCII))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(got).isEqualTo(json("""
                {"TopicConfigurations": [
                  {"Id": "images", "TopicArn": "%1$s", "Events": ["s3:ObjectCreated:*"],
                   "Filter": {"Key": {"FilterRules": [{"Name": "Prefix", "Value": "images/"}, {"Name": "Suffix", "Value": ".jpg"}]}}},
                  {"Id": "%2$s", "TopicArn": "%1$s", "Events": ["s3:ObjectRemoved:*"]}
                ]}""".formatted(topicArn, generatedId.asText())));
        assertThat(json(s3api("get-bucket-notification-configuration", "--bucket", bucket).succeeded()))
                .as("the generated Id is stored, not made up per GET").isEqualTo(got);

        JsonNode envelope = awaitTestEvent(bucket);
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.get("Subject").asText()).isEqualTo("Amazon S3 Notification");
        JsonNode testEvent = json(envelope.get("Message").asText());
        assertThat(testEvent.get("Service").asText()).isEqualTo("Amazon S3");
        assertThat(testEvent.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(testEvent.get("Bucket").asText()).isEqualTo(bucket);
        assertThat(testEvent.get("RequestId").asText()).matches("[0-9A-Z]{16}");
    }

    @Test
    void cliShowsS3sErrorsAndAFailedPutStoresNothing() {
        String bucket = "cli-errors-" + RUN;
        s3api("create-bucket", "--bucket", bucket).succeeded();

        Command unknownTopic = s3api("put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", "{\"TopicConfigurations\": [{\"TopicArn\": \"" + topicArn
                        + "-missing\", \"Events\": [\"s3:ObjectCreated:*\"]}]}");
        assertThat(unknownTopic.exitCode()).isNotZero();
        assertThat(unknownTopic.stderr()).contains("An error occurred (InvalidArgument) when calling the"
                + " PutBucketNotificationConfiguration operation: Unable to validate the following destination configurations");
        assertThat(s3api("get-bucket-notification-configuration", "--bucket", bucket).succeeded()).isBlank();

        Command badArn = s3api("put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", "{\"TopicConfigurations\": [{\"TopicArn\": \"not-an-arn\","
                        + " \"Events\": [\"s3:ObjectCreated:*\"]}]}");
        assertThat(badArn.stderr()).contains("An error occurred (InvalidArgument) when calling the"
                + " PutBucketNotificationConfiguration operation: The ARN could not be parsed");

        Command noSuchBucket = s3api("get-bucket-notification-configuration", "--bucket", "cli-missing-" + RUN);
        assertThat(noSuchBucket.exitCode()).isNotZero();
        assertThat(noSuchBucket.stderr()).contains("An error occurred (NoSuchBucket) when calling the"
                + " GetBucketNotificationConfiguration operation: The specified bucket does not exist");
    }

    @Test
    void cliListsAndDeletesBuckets() {
        String kept = "cli-kept-" + RUN;
        String deleted = "cli-deleted-" + RUN;
        s3api("create-bucket", "--bucket", kept).succeeded();
        s3api("create-bucket", "--bucket", deleted).succeeded();
        assertThat(names(s3api("list-buckets").succeeded())).contains(kept, deleted);

        assertThat(s3api("delete-bucket", "--bucket", deleted).succeeded()).isEmpty();
        assertThat(names(s3api("list-buckets").succeeded())).contains(kept).doesNotContain(deleted);
        assertThat(s3api("head-bucket", "--bucket", deleted).stderr())
                .contains("An error occurred (404) when calling the HeadBucket operation: Not Found");
        assertThat(json(s3api("head-bucket", "--bucket", kept).succeeded()).get("BucketRegion").asText())
                .isEqualTo("us-east-1");
    }

    private static List<String> names(String listBuckets) {
        List<String> names = new ArrayList<>();
        json(listBuckets).get("Buckets").forEach(b -> names.add(b.get("Name").asText()));
        return names;
    }

    @Test
    void boto3DeprecatedCallsVirtualHostedStyleAndErrorDetails() {
        // localhost, not 127.0.0.1: botocore addresses buckets virtual-hosted-style only under a host name.
        String endpoint = "http://localhost:" + stack.endpoint().getPort();
        String prefix = "boto3-" + RUN;
        JsonNode report = json(Command.run(List.of(System.getenv().getOrDefault("PYTHON", "python3"),
                "src/test/python/local_stack_boto3.py", endpoint, topicArn, prefix), stack.credentialsEnvironment()).succeeded());

        assertThat(report.get("create_bucket")).isEqualTo(json("{\"Location\": \"/" + prefix + "-legacy\", \"status\": 200}"));
        // Legacy TopicConfiguration with Events (a list) and, below, with the deprecated singular Event.
        assertThat(report.at("/put_bucket_notification_events/status").asInt()).isEqualTo(200);
        assertThat(report.at("/put_bucket_notification_events/integrity_headers")).as("botocore must send a digest here")
                .isNotEmpty();
        JsonNode legacy = report.at("/get_bucket_notification_events/TopicConfiguration");
        assertThat(legacy.get("Id").asText()).isEqualTo("legacy-events");
        assertThat(legacy.get("Topic").asText()).isEqualTo(topicArn);
        assertThat(legacy.get("Events")).isEqualTo(json("[\"s3:ObjectCreated:*\", \"s3:ObjectRemoved:Delete\"]"));
        assertThat(report.get("get_bucket_notification_configuration_after_legacy_put")).isEqualTo(json("""
                {"TopicConfigurations": [{"Id": "legacy-events", "TopicArn": "%s",
                  "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"]}], "status": 200}""".formatted(topicArn)));

        // S3 still answers the 2010 shape (one topic, s3:ReducedRedundancyLostObject) with the test message's id.
        assertThat(report.at("/put_bucket_notification_event/x-amz-sns-test-message-id").asText()).isNotBlank();
        JsonNode single = report.at("/get_bucket_notification_event/TopicConfiguration");
        assertThat(single.get("Event").asText()).isEqualTo("s3:ReducedRedundancyLostObject");
        assertThat(single.get("Events")).isEqualTo(json("[\"s3:ReducedRedundancyLostObject\"]"));
        assertThat(single.get("Id").asText()).hasSize(48);

        // The numbered details S3 puts in the error document (the CLI's message does not show them).
        assertThat(report.get("unknown_topic")).isEqualTo(json("""
                {"status": 400, "Error": {"Code": "InvalidArgument",
                  "Message": "Unable to validate the following destination configurations",
                  "ArgumentName1": "%s-missing", "ArgumentValue1": "The destination topic does not exist"}}"""
                .formatted(topicArn)));

        String hosted = prefix + "-hosted";
        assertThat(report.get("virtual_requests")).isEqualTo(json("""
                ["PUT %1$s/", "PUT %1$s/?notification", "GET %1$s/?notification", "HEAD %1$s/", "DELETE %1$s/",
                 "GET %1$s/?notification"]""".formatted("http://" + hosted + ".localhost:" + stack.endpoint().getPort())));
        assertThat(report.get("virtual_create_bucket")).isEqualTo(json("{\"Location\": \"/" + hosted + "\", \"status\": 200}"));
        assertThat(report.get("virtual_get_bucket_notification_configuration")).isEqualTo(json("""
                {"TopicConfigurations": [{"Id": "hosted", "TopicArn": "%s", "Events": ["s3:ObjectCreated:Put"],
                  "Filter": {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".csv"}]}}}], "status": 200}"""
                .formatted(topicArn)));
        assertThat(report.at("/virtual_head_bucket/BucketRegion").asText()).isEqualTo("us-east-1");
        assertThat(report.at("/virtual_delete_bucket/status").asInt()).isEqualTo(204);
        assertThat(report.get("virtual_no_such_bucket")).isEqualTo(json("""
                {"status": 404, "Error": {"Code": "NoSuchBucket", "Message": "The specified bucket does not exist",
                  "BucketName": "%s"}}""".formatted(hosted)));
    }
}
