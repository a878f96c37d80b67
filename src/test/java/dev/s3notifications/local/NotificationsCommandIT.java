package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.testing.Await;
import dev.s3notifications.testing.AwsTestClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code scripts/notifications} end to end against the local stack, as a user runs it: its own JVM, the AWS CLI's
 * credentials environment (a key pair the stack announced), the configuration written with the AWS CLI, object
 * events sent to the stack's object-events queue and delivered by its fan-out.
 */
class NotificationsCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static LocalStack stack;
    private static SqsClient sqs;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(0, Map.of("AWS_REGION", "us-east-1"), line -> { });
        sqs = AwsTestClients.sqs(URI.create(stack.announced("sqs")));
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

    /** {@code scripts/notifications}' command in a JVM of its own, with this test's class path. */
    private static Command notifications(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.s3notifications.cli.NotificationsCommand"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", stack.endpoint().toString()));
        return Command.run(command, stack.credentialsEnvironment());
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name + "-" + RUN)).queueUrl();
    }

    private static String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static void configure(String bucket, String configuration) throws Exception {
        Path file = Files.createTempFile("configuration-", ".json");
        Files.writeString(file, configuration, StandardCharsets.UTF_8);
        try {
            Command.aws(stack.endpoint(), stack.credentialsEnvironment(), "s3api", "create-bucket", "--bucket", bucket).succeeded();
            Command.aws(stack.endpoint(), stack.credentialsEnvironment(), "s3api", "put-bucket-notification-configuration", "--bucket", bucket,
                    "--notification-configuration", "file://" + file).succeeded();
        } finally {
            Files.delete(file);
        }
    }

    private static String queueConfiguration(String id, String queueArn, String prefix) {
        return """
                {"Id": "%s", "QueueArn": "%s", "Events": ["s3:ObjectCreated:*"],
                 "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "%s"}]}}}""".formatted(id, queueArn, prefix);
    }

    /** Object events sent in one batch, so that the fan-out gets them in one batch and records its health once. */
    private static void objectsCreated(String bucket, String... keys) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (String key : keys) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).messageBody("""
                    {"eventName": "s3:ObjectCreated:Put", "bucket": "%s", "key": "%s", "size": 5, "eTag": "abc",
                     "sequencer": "0A", "eventTime": "2026-12-06T10:00:00.000Z", "requesterPrincipalId": "AWS:AIDA",
                     "sourceIpAddress": "203.0.113.7", "requestId": "R", "hostId": "H"}""".formatted(bucket, key))
                    .build());
        }
        assertThat(sqs.sendMessageBatch(b -> b.queueUrl(stack.announced("object-events")).entries(entries)).failed()).isEmpty();
    }

    @Test
    void explainSaysWhichConfigurationGetsAnEventAndWhyTheOthersDoNot() throws Exception {
        String bucket = "explain-" + RUN;
        String images = arn(queue("images"));
        String logs = arn(queue("logs"));
        configure(bucket, "{\"QueueConfigurations\": [" + queueConfiguration("images", images, "images/") + ", "
                + queueConfiguration("logs", logs, "/logs/") + "]}"); // the usual mistake: a leading slash

        Command matched = notifications("explain", "--bucket", bucket, "--key", "images/red flower.jpg", "--event",
                "s3:ObjectCreated:Put");
        assertThat(matched.exitCode()).as(matched.stderr()).isZero();
        assertThat(matched.stdout()).contains("filters see the key as: images/red+flower.jpg")
                .contains("MATCH    images Queue " + images)
                .contains("\"key\":\"images/red+flower.jpg\"")
                .contains("NO MATCH logs Queue " + logs);

        Command slash = notifications("explain", "--bucket", bucket, "--key", "logs/b.log", "--event",
                "s3:ObjectCreated:Put", "--json");
        assertThat(slash.exitCode()).as("nothing gets the event").isEqualTo(1);
        assertThat(slash.stdout()).contains("\"matches\":false").contains("leading slash");

        Command missing = notifications("explain", "--bucket", "no-such-" + RUN, "--key", "k", "--event",
                "s3:ObjectCreated:Put");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("NoSuchBucket");

        Command typo = notifications("explain", "--bucket", bucket, "--kee", "k", "--event", "s3:ObjectCreated:Put");
        assertThat(typo.exitCode()).as("an unknown option is refused, not ignored").isEqualTo(2);
        assertThat(typo.stderr()).contains("unknown option --kee");
    }

    @Test
    void healthNamesAQueueDeletedAfterTheConfigurationWasSavedWhileTheOtherDestinationsKeepGettingEvents()
            throws Exception {
        String bucket = "health-" + RUN;
        String liveUrl = queue("live");
        String goneUrl = queue("gone");
        String live = arn(liveUrl);
        String gone = arn(goneUrl);
        configure(bucket, "{\"QueueConfigurations\": [" + queueConfiguration("images", live, "images/") + ", "
                + queueConfiguration("logs", gone, "logs/") + "], \"EventBridgeConfiguration\": {}}");
        AwsTestClients.receive(sqs, liveUrl, 1, WAIT); // the s3:TestEvent
        sqs.deleteQueue(b -> b.queueUrl(goneUrl));

        objectsCreated(bucket, "images/a.jpg", "logs/b.log", "images/c.jpg");

        assertThat(AwsTestClients.receive(sqs, liveUrl, 2, WAIT)).as("the live queue keeps getting its events")
                .hasSize(2);
        Await.until("the failure to reach the deleted queue is recorded", WAIT,
                () -> notifications("health", "--bucket", bucket).stdout().contains("AWS.SimpleQueueService.NonExistentQueue"));
        Command health = notifications("health", "--bucket", bucket);
        assertThat(health.exitCode()).as("failing for less than 15 minutes: not flagged yet").isZero();
        assertThat(health.stdout()).contains("failing Queue " + gone + " (logs)")
                .contains("AWS.SimpleQueueService.NonExistentQueue")
                .contains("ok      Queue " + live + " (images)\n  delivered 2, failed 0")
                .contains("ok      EventBridge default\n  delivered 3, failed 0");

        Command flagged = notifications("health", "--bucket", bucket, "--failing-for", "0s");
        assertThat(flagged.exitCode()).isEqualTo(1);
        assertThat(flagged.stdout()).contains("FAILING Queue " + gone);
    }

    @Test
    void helpNamesEveryOptionTheCommandsTake() {
        Command help = notifications("--help");
        assertThat(help.exitCode()).isZero();
        for (String option : List.of("--bucket", "--key", "--event", "--failing-for", "--endpoint-url", "--region",
                "--json", "explain", "health")) {
            assertThat(help.stdout()).contains(option);
        }
    }
}
