package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.FreePort;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SigV4Signing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@code scripts/local-stack} as a user runs it: a process that announces itself, answers, and stops on SIGTERM. */
class LocalStackScriptIT {
    /** Includes the build the script may run first (mvn test-compile) on a busy machine. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<LocalStackProcess> started = new ArrayList<>();
    private LocalStackProcess script;
    private List<String> credentialLines;

    /** Starts the script and returns its announcement lines by name, in order, once it printed {@code ready}. */
    private Map<String, String> start(Map<String, String> environment, String... args) throws IOException {
        script = LocalStackProcess.start(environment, READY_TIMEOUT, args);
        started.add(script);
        credentialLines = script.lines().stream().filter(line -> line.startsWith("credentials "))
                .map(line -> line.substring("credentials ".length())).toList();
        for (String line : script.lines()) {
            assertThat(line.split(" ", 2)).as("an announcement line: %s", line).hasSize(2);
        }
        return script.announced();
    }

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(LocalStackProcess::close);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request signed with the first key pair the script announced. */
    private HttpRequest.Builder signed(String method, URI uri, String body) {
        String[] pair = credentialLines.get(0).split(" ");
        return new SigV4Signing(pair[0], pair[1], "us-east-1", Clock.systemUTC())
                .httpRequest(method, uri, body.getBytes(StandardCharsets.UTF_8));
    }

    private int stopWithSigterm() throws InterruptedException {
        return script.stop(STOP_TIMEOUT);
    }

    private static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void startsOnTheGivenPortAnswersAndStopsItselfAndMotoOnSigterm() throws Exception {
        int port = FreePort.find();
        Map<String, String> announced = start(Map.of(), "--port", Integer.toString(port));

        URI endpoint = URI.create("http://127.0.0.1:" + port);
        URI moto = URI.create(announced.get("moto"));
        assertThat(announced.keySet()).containsExactly("moto", "sns", "sqs", "events", "lambda", "lambda-invocations",
                "store", "credentials", "object-events", "object-events-dlq", "ready");
        assertThat(announced).containsEntry("ready", endpoint.toString()).containsEntry("store", "embedded")
                .containsEntry("sns", moto.toString()).containsEntry("sqs", moto.toString())
                .containsEntry("events", moto.toString());
        assertThat(announced.get("lambda")).as("an Invoke API of its own").startsWith("http://127.0.0.1:")
                .isNotEqualTo(moto.toString());
        assertThat(announced.get("lambda-invocations")).startsWith(moto.toString());
        assertThat(credentialLines).containsExactly(
                "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY 123456789012",
                "AKIAI44QH8DHBEXAMPLE je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY 210987654321");

        ProcessHandle jvm = script.process().toHandle();
        assertThat(jvm.info().command()).as("the script execs the JVM, so signals reach it").hasValueSatisfying(
                command -> assertThat(command).endsWith("/java"));
        List<ProcessHandle> children = jvm.children().toList();
        assertThat(children).as("the JVM's only child is moto").hasSize(1);
        ProcessHandle motoProcess = children.get(0);
        assertThat(motoProcess.info().commandLine()).hasValueSatisfying(
                line -> assertThat(line).contains("moto.server").contains(Integer.toString(moto.getPort())));

        String bucket = "script-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket)).PUT(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).as("unsigned").isEqualTo(403);
        assertThat(send(signed("PUT", endpoint.resolve("/" + bucket), "")).statusCode()).isEqualTo(200);
        HttpResponse<String> notification = send(signed("GET", endpoint.resolve("/" + bucket + "?notification"), ""));
        assertThat(notification.statusCode()).isEqualTo(200);
        assertThat(notification.body()).endsWith("<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
        assertThat(send(HttpRequest.newBuilder(moto.resolve("/moto-api/"))).statusCode()).isEqualTo(200);

        assertThat(stopWithSigterm()).isEqualTo(128 + 15);
        assertThat(motoProcess.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(jvm.isAlive()).isFalse();
        assertThat(accepts(endpoint)).as("nothing listens on the stack's port").isFalse();
        assertThat(accepts(moto)).as("nothing listens on moto's port").isFalse();
    }

    @Test
    void usesTheEmulatorTheEndpointVariablesNameAndLeavesItRunning() throws Exception {
        MotoServer emulator = MotoServer.shared();
        String topicArn;
        try (SnsClient sns = SnsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            topicArn = sns.createTopic(b -> b.name("script-" + UUID.randomUUID())).topicArn();
        }
        Map<String, String> announced = start(Map.of(
                "AWS_ENDPOINT_URL_SNS", emulator.endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", emulator.endpoint().toString(),
                "AWS_ENDPOINT_URL_EVENTBRIDGE", emulator.endpoint().toString(),
                "LOCAL_CREDENTIALS", "AKIAFROMVARIABLE0001:from/the+variable:111111111111"),
                "--port", "0", "--credentials", "AKIAFROMOPTION000001:from/the+option:222222222222");

        assertThat(announced.keySet()).containsExactly("sns", "sqs", "events", "lambda", "lambda-invocations", "store",
                "credentials", "object-events", "object-events-dlq", "ready");
        assertThat(credentialLines).as("the option wins over the variable")
                .containsExactly("AKIAFROMOPTION000001 from/the+option 222222222222");
        assertThat(announced).containsEntry("sns", emulator.endpoint().toString()).containsEntry("store", "embedded");
        assertThat(script.process().toHandle().children().toList()).as("no moto of its own").isEmpty();

        // The topic exists only in the emulator named: the test message reaches it, so the PUT succeeds.
        URI endpoint = URI.create(announced.get("ready"));
        String bucket = "script-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(signed("PUT", endpoint.resolve("/" + bucket), "")).statusCode()).isEqualTo(200);
        HttpResponse<String> put = send(signed("PUT", endpoint.resolve("/" + bucket + "?notification"),
                "<NotificationConfiguration><TopicConfiguration><Topic>" + topicArn
                        + "</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        assertThat(stopWithSigterm()).isEqualTo(128 + 15);
        assertThat(ProcessHandle.of(emulator.pid()).map(ProcessHandle::isAlive)).as("the user's emulator still runs")
                .contains(true);
    }

    /**
     * With a DynamoDB named, the functions keep buckets and keys in its tables, as in Lambda: what one run stored,
     * the next finds; a key written to the table (as scripts/access-keys writes it) signs at once; and a second run
     * accepts the key pairs the first one seeded.
     */
    @Test
    void withADynamoDbEndpointKeepsBucketsAndKeysInItsTables() throws Exception {
        URI dynamoDb = MotoServer.shared().endpoint();
        Map<String, String> announced = start(Map.of(), "--port", "0", "--dynamodb", dynamoDb.toString());

        assertThat(announced.keySet()).containsExactly("moto", "sns", "sqs", "events", "lambda", "lambda-invocations",
                "store", "dynamodb", "credentials", "object-events", "object-events-dlq", "ready");
        assertThat(announced).containsEntry("store", "dynamodb").containsEntry("dynamodb", dynamoDb.toString());
        URI endpoint = URI.create(announced.get("ready"));
        String bucket = "script-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(signed("PUT", endpoint.resolve("/" + bucket), "")).statusCode()).isEqualTo(200);
        try (DynamoDbClient client = AwsTestClients.dynamoDb(dynamoDb)) {
            assertThat(new DynamoDbBucketStore(client, LocalStack.BUCKETS_TABLE).find(bucket)).isPresent();
            AccessKey added = new AccessKey("AKIAADDEDTOTHETABLE1", "added/secret", "333333333333",
                    "arn:aws:iam::333333333333:root", true);
            new DynamoDbAccessKeyStore(client, LocalStack.ACCESS_KEYS_TABLE).create(added, Instant.now());
            HttpResponse<String> listed = send(new SigV4Signing(added.accessKeyId(), added.secretAccessKey(), "us-east-1",
                    Clock.systemUTC()).httpRequest("GET", endpoint.resolve("/"), new byte[0]));
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        }
        assertThat(stopWithSigterm()).isEqualTo(128 + 15);

        // AWS_ENDPOINT_URL names the one emulator for every service, as the SDKs read it.
        announced = start(Map.of("AWS_ENDPOINT_URL", dynamoDb.toString()), "--port", "0");
        assertThat(announced).containsEntry("store", "dynamodb").containsEntry("dynamodb", dynamoDb.toString())
                .containsEntry("sns", dynamoDb.toString()).doesNotContainKey("moto");
        endpoint = URI.create(announced.get("ready"));
        HttpResponse<String> buckets = send(signed("GET", endpoint.resolve("/"), ""));
        assertThat(buckets.body()).as("the bucket of the first run").contains("<Name>" + bucket + "</Name>");
        assertThat(stopWithSigterm()).isEqualTo(128 + 15);
    }
}
