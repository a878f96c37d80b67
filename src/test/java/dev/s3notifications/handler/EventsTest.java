package dev.s3notifications.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.DestinationVerifiers;
import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.FixedContext;
import dev.s3notifications.testing.InMemoryApis;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import dev.s3notifications.testing.SigV4Signing;
import dev.s3notifications.wiring.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event in {@code events/} (the files users pass to {@code sam local invoke} and {@code scripts/invoke}),
 * loaded by the Lambda runtime's own serializer and checked against {@code events/expected.json}, which
 * {@code scripts/invoke --check} also checks against the built artifact.
 */
class EventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode MANIFEST = manifest();
    private static final Path EVENTS_DIR = Path.of("events");

    private static JsonNode manifest() {
        try (InputStream in = EventsTest.class.getResourceAsStream("/events/expected.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> apiEvents() {
        return eventNames("api/").map(Arguments::of);
    }

    static Stream<Arguments> sqsEvents() {
        return eventNames("sqs/").map(Arguments::of);
    }

    private static Stream<String> eventNames(String folder) {
        List<String> names = new ArrayList<>();
        MANIFEST.get("events").fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> n.startsWith(folder));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiEvents")
    void apiEventGetsTheExpectedAnswer(String name) {
        JsonNode expected = MANIFEST.get("events").get(name);
        World world = new World();
        for (JsonNode given : expected.path("given")) {
            assertThat(world.invoke(given.asText()).getStatusCode()).as("given %s", given.asText()).isBetween(200, 299);
        }

        APIGatewayProxyResponseEvent response = world.invoke(name);

        assertThat(response.getStatusCode()).as("status; body: %s", response.getBody())
                .isEqualTo(expected.get("status").asInt());
        assertThat(errorCode(response.getBody())).as("S3 error code").isEqualTo(expected.path("code").asText(null));
        for (JsonNode text : expected.path("bodyContains")) {
            assertThat(response.getBody()).contains(text.asText());
        }
        for (JsonNode header : expected.path("headers")) {
            assertThat(response.getHeaders()).containsKey(header.asText());
        }
    }

    /** The fan-out reports exactly the manifest's records as batch item failures, after its "given" API events. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsEvents")
    void sqsEventGetsTheExpectedBatchItemFailures(String name) {
        JsonNode expected = MANIFEST.get("events").get(name);
        World world = new World();
        for (JsonNode given : expected.path("given")) {
            assertThat(world.invoke(given.asText()).getStatusCode()).as("given %s", given.asText()).isBetween(200, 299);
        }
        SQSEvent event = EventLoader.loadSQSEvent("events/" + name);
        List<String> expectedFailures = new ArrayList<>();
        expected.get("batchItemFailures").forEach(i -> expectedFailures.add(event.getRecords().get(i.asInt()).getMessageId()));

        SQSBatchResponse response = world.fanOut(event);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrderElementsOf(expectedFailures);
        assertThat(world.published.published).as("notifications published").hasSize(expected.get("published").asInt());
    }

    @Test
    void everyEventFileHasAnExpectationAndEveryExpectationAFile() throws IOException {
        List<String> files;
        try (Stream<Path> paths = Files.walk(EVENTS_DIR)) {
            files = paths.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                    .map(p -> EVENTS_DIR.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        MANIFEST.get("events").fieldNames().forEachRemaining(expected::add);
        assertThat(expected).containsExactlyInAnyOrderElementsOf(files);
        expected.forEach(name -> MANIFEST.get("events").get(name).path("given").forEach(given ->
                assertThat(files).as("given of %s", name).contains(given.asText())));
    }

    /**
     * The key events are signed with when they are invoked. The files carry the signatures a client sent on the day
     * they were recorded, long expired; like scripts/invoke, the test signs each event again just before sending
     * it, as a client would now, so that the handler verifies real signatures over the stage path and Host.
     */
    static final AccessKey EVENTS_KEY = new AccessKey("AKIAEVENTSEXAMPLE001", "events/example/secret/key",
            "123456789012", "arn:aws:iam::123456789012:root", true);

    /**
     * A fresh in-memory world in which only the manifest's topics, queues and Lambda functions exist, as
     * scripts/invoke sets up; each kind of destination refused as its verifier refuses it.
     */
    private static final class World {
        private final InMemoryBucketStore store = new InMemoryBucketStore();
        private final ProxyIntegration integration;
        final RecordingNotificationPublisher published = new RecordingNotificationPublisher();

        World() {
            var verifier = new DestinationVerifiers(Map.of(
                    DestinationType.TOPIC, known("topics", arn -> new Argument(arn, "The destination topic does not exist")),
                    DestinationType.QUEUE, known("queues", arn -> new Argument(arn, arn.endsWith(".fifo")
                            ? "The destination queue is a FIFO queue; notifications go to standard queues only"
                            : "The destination queue does not exist")),
                    DestinationType.FUNCTION, known("lambdaFunctions",
                            arn -> new Argument(arn + ", null", "Not authorized to invoke function [" + arn + "]"))));
            Settings settings = Settings.from(Map.of());
            integration = new ProxyIntegration(
                    InMemoryApis.api(store, InMemoryAccessKeyStore.holding(EVENTS_KEY), verifier, settings),
                    settings.virtualHostDomains());
        }

        /** Accepts the destinations the manifest lists under {@code listName} (test events recorded), refuses the others. */
        private static DestinationVerifier known(String listName, Function<String, Argument> refusal) {
            Set<String> existing = new HashSet<>();
            MANIFEST.get(listName).forEach(arn -> existing.add(arn.asText()));
            var recording = new RecordingDestinationVerifier();
            return (destinations, testMessage) -> {
                List<Argument> missing = destinations.stream().map(DestinationConfiguration::arn).distinct()
                        .filter(arn -> !existing.contains(arn)).map(refusal).toList();
                return missing.isEmpty() ? recording.verify(destinations, testMessage)
                        : new DestinationVerifier.Verification(missing, Map.of());
            };
        }

        SQSBatchResponse fanOut(SQSEvent event) {
            var fanOut = FanOuts.of(store, published);
            return new FanOutHandler(fanOut).handleRequest(event, new FixedContext(UUID.randomUUID().toString(), "FanOutFunction"));
        }

        APIGatewayProxyResponseEvent invoke(String name) {
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/" + name);
            SigV4Signing signing = new SigV4Signing(EVENTS_KEY.accessKeyId(), EVENTS_KEY.secretAccessKey(), "us-east-1",
                    Clock.systemUTC());
            return integration.handle(signing.sign(event), UUID.randomUUID().toString());
        }
    }

    private static String errorCode(String body) {
        if (body == null) {
            return null;
        }
        var matcher = Pattern.compile("<Error>\\s*<Code>([^<]*)</Code>").matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }
}
