package dev.s3notifications.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published JSON Schema accepts exactly the messages the reader accepts, checked with Python's jsonschema
 * (a Draft 2020-12 validator, installed with moto) over the shared corpus.
 */
class ObjectEventSchemaIT {
    private static final String VALIDATE = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            for body in json.load(open(sys.argv[2], encoding="utf-8")):
                try:
                    message = json.loads(body)
                except ValueError:
                    print("invalid")
                    continue
                print("valid" if validator.is_valid(message) else "invalid")
            """;

    @Test
    void acceptsExactlyTheMessagesTheReaderAccepts(@TempDir Path dir) throws Exception {
        List<ObjectEventMessages.Case> cases = ObjectEventMessages.all().stream().filter(c -> c.readerOnly() == null).toList();
        Path bodies = dir.resolve("bodies.json");
        new ObjectMapper().writeValue(bodies.toFile(), cases.stream().map(ObjectEventMessages.Case::body).toList());
        Process python = new ProcessBuilder(System.getenv().getOrDefault("PYTHON", "python3"), "-c", VALIDATE,
                Path.of("schemas/object-event.schema.json").toAbsolutePath().toString(), bodies.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();

        List<String> verdicts = output.lines().toList();
        assertThat(verdicts).hasSize(cases.size());
        List<Map.Entry<String, String>> disagreements = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String expected = cases.get(i).valid() ? "valid" : "invalid";
            if (!verdicts.get(i).equals(expected)) {
                disagreements.add(Map.entry(cases.get(i).name(), verdicts.get(i)));
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(cases).hasSizeGreaterThan(50);
        assertThat(Files.exists(Path.of("schemas/object-event.schema.json"))).isTrue();
    }
}
