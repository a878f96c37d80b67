package dev.s3notifications.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The documents the fuzzers start from: the project's own examples (the bodies of {@code events/} and
 * {@code schemas/examples/}), and the spec's shapes written out. jqwik takes them from here; Jazzer, which reads files,
 * gets the examples written as its inputs ({@link #writeJazzerInputs}).
 */
final class FuzzSeeds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:notifications-demo-topic";

    private FuzzSeeds() {
    }

    /** PUT ?notification bodies: every PUT event in events/api, and the spec's shapes (legacy, all kinds, filters, limits). */
    static List<String> putBodies() {
        List<String> seeds = new ArrayList<>(putSamples().values());
        seeds.add(PutNotificationFuzzing.BASELINE);
        seeds.add("<NotificationConfiguration xmlns=\"" + NS + "\"/>");
        seeds.add("<NotificationConfiguration><TopicConfiguration><Topic>" + TOPIC + "</Topic><Event>s3:ObjectCreated:*</Event>"
                + "<Event>s3:ObjectRemoved:Delete</Event></TopicConfiguration></NotificationConfiguration>"); // legacy shape
        seeds.add("<NotificationConfiguration xmlns=\"" + NS + "\"><TopicConfiguration><Id>t</Id><Topic>" + TOPIC
                + "</Topic><Event>s3:ObjectCreated:Put</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>images/"
                + "</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.jpg</Value></FilterRule></S3Key></Filter>"
                + "</TopicConfiguration><QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:123456789012:logs</Queue>"
                + "<Event>s3:ObjectRemoved:*</Event></QueueConfiguration><CloudFunctionConfiguration><Id>f</Id><CloudFunction>"
                + "arn:aws:lambda:us-east-1:123456789012:function:thumbnails</CloudFunction><Event>s3:ObjectTagging:*</Event>"
                + "</CloudFunctionConfiguration><EventBridgeConfiguration/></NotificationConfiguration>");
        seeds.add("<p:NotificationConfiguration xmlns:p=\"" + NS + "\"><p:CloudFunctionConfiguration><p:CloudFunction>"
                + "arn:aws:lambda:us-east-1:123456789012:function:f</p:CloudFunction><p:InvocationRole>arn:aws:iam::123456789012:role/r"
                + "</p:InvocationRole><p:Event>s3:ReducedRedundancyLostObject</p:Event></p:CloudFunctionConfiguration>"
                + "</p:NotificationConfiguration>");
        seeds.add("<NotificationConfiguration xmlns=\"" + NS + "\"><TopicConfiguration><Id>" + "i".repeat(255) + "</Id><Topic>"
                + TOPIC + "</Topic><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>Suffix</Name><Value>"
                + "v".repeat(1024) + "</Value></FilterRule></S3Key></Filter></TopicConfiguration></NotificationConfiguration>");
        return seeds;
    }

    /** Object-event message bodies: schemas/examples, the SQS events' bodies, and the reader's corpus. */
    static List<String> eventBodies() {
        List<String> seeds = new ArrayList<>(eventSamples().values());
        try (InputStream in = FuzzSeeds.class.getResourceAsStream("/object-event-messages.json")) {
            for (JsonNode c : JSON.readTree(in)) {
                seeds.add(c.has("text") ? c.get("text").textValue() : JSON.writeValueAsString(c.get("message")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }

    /**
     * The body of every PUT ?notification event in events/api that has one, named after its file:
     * {@code put-notification-legacy.xml} for {@code events/api/put-notification-legacy.json}.
     */
    static Map<String, String> putSamples() {
        Map<String, String> samples = new LinkedHashMap<>();
        for (Path file : files("events/api")) {
            String name = file.getFileName().toString();
            JsonNode event = name.startsWith("put-notification") ? json(file) : null;
            if (event != null && event.hasNonNull("body")) {
                String body = event.get("body").asText();
                samples.put(name.replaceFirst("\\.json$", ".xml"), event.path("isBase64Encoded").asBoolean()
                        ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body);
            }
        }
        return samples;
    }

    /**
     * Every object-event message of the project: schemas/examples under their own names, and the body of each record
     * of events/sqs, named {@code sqs-<file>} (the first) and {@code sqs-<file>-<n>} (the n-th).
     */
    static Map<String, String> eventSamples() {
        Map<String, String> samples = new LinkedHashMap<>();
        try {
            for (Path file : files("schemas/examples")) {
                samples.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files("events/sqs")) {
            int n = 0;
            for (JsonNode record : json(file).path("Records")) {
                String name = "sqs-" + file.getFileName().toString();
                samples.put(++n == 1 ? name : name.replaceFirst("\\.json$", "-" + n + ".json"), record.path("body").asText());
            }
        }
        return samples;
    }

    /**
     * Writes {@code samples} as the inputs Jazzer's JUnit integration runs {@code fuzzTest}'s {@code method} on: under
     * plain JUnit once each, while fuzzing as its seeds. Jazzer reads them from the class path, in
     * {@code <class>Inputs/<method>/} and its subdirectories; they go to a {@code samples} subdirectory of that
     * folder next to the compiled class (made anew each time), so that the inputs in {@code src/test/resources}
     * (regression inputs a fuzzing run found) stay the only ones kept in the sources. Each is the sample's bytes and
     * one zero byte, which the fuzz targets' {@code FuzzedDataProvider} reads first, from the end: PUT flags 0, one
     * message per batch.
     */
    static void writeJazzerInputs(Class<?> fuzzTest, String method, Map<String, String> samples) {
        try {
            Path classes = Path.of(fuzzTest.getResource(fuzzTest.getSimpleName() + ".class").toURI()).getParent();
            Path dir = classes.resolve(fuzzTest.getSimpleName() + "Inputs").resolve(method).resolve("samples");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.list(dir)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
            for (Map.Entry<String, String> sample : samples.entrySet()) {
                byte[] body = sample.getValue().getBytes(StandardCharsets.UTF_8);
                Files.write(dir.resolve(sample.getKey()), Arrays.copyOf(body, body.length + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
