package dev.s3notifications.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** The documents the fuzzers start from: the project's own examples, and the spec's shapes written out. */
final class FuzzSeeds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:notifications-demo-topic";

    private FuzzSeeds() {
    }

    /** PUT ?notification bodies: every PUT event in events/api, and the spec's shapes (legacy, all kinds, filters, limits). */
    static List<String> putBodies() {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("events/api"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("put-notification")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                if (event.hasNonNull("body")) {
                    String body = event.get("body").asText();
                    seeds.add(event.path("isBase64Encoded").asBoolean()
                            ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        List<String> seeds = new ArrayList<>();
        try {
            try (Stream<Path> files = Files.list(Path.of("schemas/examples"))) {
                for (Path file : files.sorted().toList()) {
                    seeds.add(Files.readString(file));
                }
            }
            try (Stream<Path> files = Files.list(Path.of("events/sqs"))) {
                for (Path file : files.sorted().toList()) {
                    for (JsonNode record : JSON.readTree(file.toFile()).path("Records")) {
                        seeds.add(record.path("body").asText());
                    }
                }
            }
            try (InputStream in = FuzzSeeds.class.getResourceAsStream("/object-event-messages.json")) {
                for (JsonNode c : JSON.readTree(in)) {
                    seeds.add(c.has("text") ? c.get("text").textValue() : JSON.writeValueAsString(c.get("message")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }
}
