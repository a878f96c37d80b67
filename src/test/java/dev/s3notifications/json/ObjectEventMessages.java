package dev.s3notifications.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared corpus of object-event messages (src/test/resources/object-event-messages.json): each case a body
 * and whether it is a valid message (plus the example bodies in schemas/examples, all valid); the reader's test and the schema's test must both agree with it.
 */
final class ObjectEventMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param readerOnly why the schema cannot judge this case, or null */
    record Case(String name, boolean valid, int events, String body, String readerOnly) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> all() {
        try (InputStream in = ObjectEventMessages.class.getResourceAsStream("/object-event-messages.json")) {
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : JSON.readTree(in)) {
                String body = c.has("text") ? c.get("text").textValue() : JSON.writeValueAsString(c.get("message"));
                cases.add(new Case(c.get("name").asText(), c.get("valid").asBoolean(), c.path("events").asInt(-1), body,
                        c.path("readerOnly").asText(null)));
            }
            // The README's example bodies (schemas/examples) are valid messages too.
            try (var files = Files.list(Path.of("schemas/examples"))) {
                for (Path file : files.sorted().toList()) {
                    String body = Files.readString(file);
                    JsonNode parsed = JSON.readTree(body);
                    cases.add(new Case(file.toString(), true, parsed.has("events") ? parsed.get("events").size() : 1, body, null));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
