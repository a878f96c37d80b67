package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.testing.DynamoDbLocal;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SigV4Signing;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@code scripts/local-stack} as a user runs it: a process that announces itself, answers, and stops on SIGTERM. */
class LocalStackScriptIT {
    /** Includes the build the script may run first (mvn test-compile) on a busy machine. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String END = "\u0000end of output";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process script;
    private final List<ProcessHandle> started = new ArrayList<>();
    private final List<String> credentialLines = new ArrayList<>();
    private File log;

    /**
     * Starts the script and returns its announcement lines by name, in order, once it printed {@code ready}; the
     * {@code credentials} lines, one per key pair, are also kept in {@link #credentialLines}.
     */
    private Map<String, String> start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("scripts/local-stack"));
        command.addAll(List.of(args));
        log = File.createTempFile("local-stack-script-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Command.cleanAwsEnvironment(builder.environment()).remove("PORT");
        builder.environment().putAll(environment);
        script = builder.start();
        started.add(script.toHandle());

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // the process is gone; END says so
            }
            lines.add(END);
        }, "local-stack-stdout");
        reader.setDaemon(true);
        reader.start();

        Map<String, String> announced = new LinkedHashMap<>();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!announced.containsKey("ready")) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (line == null || line.equals(END)) {
                throw new AssertionError((line == null ? "no ready line after " + READY_TIMEOUT : "exited before ready")
                        + "; announced " + announced + "; stderr:\n" + Files.readString(log.toPath()));
            }
            String[] parts = line.split(" ", 2);
            assertThat(parts).as("an announcement line: %s", line).hasSize(2);
            announced.put(parts[0], parts[1]);
            if (parts[0].equals("credentials")) {
                credentialLines.add(parts[1]);
            }
        }
        started.addAll(script.toHandle().descendants().toList());
        return announced;
    }

    @AfterEach
    void stopEverythingStarted() {
        for (ProcessHandle process : started) {
            process.destroyForcibly();
        }
        if (log != null) {
            log.delete();
        }
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
        script.destroy(); // SIGTERM
        assertThat(script.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("stopped after SIGTERM").isTrue();
        return script.exitValue();
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
        int port = DynamoDbLocal.freePort();
        Map<String, String> announced = start(Map.of(), "--port", Integer.toString(port));

        URI endpoint = URI.create("http://127.0.0.1:" + port);
        URI moto = URI.create(announced.get("moto"));
        URI dynamoDb = URI.create(announced.get("dynamodb"));
        assertThat(announced.keySet()).containsExactly("moto", "sns", "sqs", "dynamodb", "credentials", "object-events",
                "object-events-dlq", "ready");
        assertThat(announced).containsEntry("ready", endpoint.toString())
                .containsEntry("sns", moto.toString()).containsEntry("sqs", moto.toString());
        assertThat(credentialLines).containsExactly(
                "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY 123456789012",
                "AKIAI44QH8DHBEXAMPLE je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY 210987654321");

        ProcessHandle jvm = script.toHandle();
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
        assertThat(accepts(dynamoDb)).as("nothing listens on DynamoDB Local's port").isFalse();
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
                "LOCAL_CREDENTIALS", "AKIAFROMVARIABLE0001:from/the+variable:111111111111"),
                "--port", "0", "--credentials", "AKIAFROMOPTION000001:from/the+option:222222222222");

        assertThat(announced.keySet()).containsExactly("sns", "sqs", "dynamodb", "credentials", "object-events",
                "object-events-dlq", "ready");
        assertThat(credentialLines).as("the option wins over the variable")
                .containsExactly("AKIAFROMOPTION000001 from/the+option 222222222222");
        assertThat(announced).containsEntry("sns", emulator.endpoint().toString());
        assertThat(script.toHandle().children().toList()).as("no moto of its own").isEmpty();

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
}
