package dev.s3notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md, checked on the sources' imports. */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/s3notifications");

    /** Imports of the files in {@code packageName}, by file, that no rule allows. */
    private static Map<String, List<String>> importsOutside(String packageName, List<String> allowedPrefixes) throws IOException {
        Map<String, List<String>> offending = new TreeMap<>();
        try (Stream<Path> files = Files.list(MAIN.resolve(packageName))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> bad = Files.readAllLines(file).stream().filter(line -> line.startsWith("import "))
                        .map(line -> line.replaceFirst("import (static )?", "").replace(";", ""))
                        .filter(name -> allowedPrefixes.stream().noneMatch(name::startsWith)).toList();
                if (!bad.isEmpty()) {
                    offending.put(file.getFileName().toString(), bad);
                }
            }
        }
        return offending;
    }

    @Test
    void theDomainNeedsOnlyTheJdk() throws IOException {
        assertThat(importsOutside("domain", List.of("java.", "dev.s3notifications.domain."))).isEmpty();
    }

    @Test
    void theInMemoryStoresNeedOnlyTheJdkTheDomainAndTheFanOutsPorts() throws IOException {
        assertThat(importsOutside("memory", List.of("java.", "dev.s3notifications.domain.", "dev.s3notifications.event.")))
                .isEmpty();
    }

    @Test
    void theFanOutCoreNeedsOnlyTheJdkTheDomainAndTheLog() throws IOException {
        assertThat(importsOutside("event", List.of("java.", "dev.s3notifications.domain.", "dev.s3notifications.event.",
                "dev.s3notifications.logging."))).isEmpty();
    }

    @Test
    void onlyHandlersSeeTheLambdaRuntimeAndOnlyAdaptersAndWiringSeeServiceClients() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                List<String> forbidden = new ArrayList<>();
                if (!name.equals("handler")) {
                    forbidden.add("com.amazonaws.services.lambda.runtime");
                }
                if (!List.of("dynamodb", "sns", "sqs", "lambda", "eventbridge", "wiring").contains(name)) {
                    forbidden.add("software.amazon.awssdk.services.");
                }
                Map<String, List<String>> offending = new TreeMap<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        List<String> bad = Files.readAllLines(file).stream().filter(line -> line.startsWith("import "))
                                .filter(line -> forbidden.stream().anyMatch(line::contains)).toList();
                        if (!bad.isEmpty()) {
                            offending.put(name + "/" + file.getFileName(), bad);
                        }
                    }
                }
                assertThat(offending).as(name).isEmpty();
            }
        }
    }
}
