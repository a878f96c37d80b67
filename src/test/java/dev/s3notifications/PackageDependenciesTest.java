package dev.s3notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of main and what each may import, checked on the sources' imports (docs/architecture.md draws the
 * same picture). The core (configuration, buckets, messages, fan-out, authorization) needs nothing but the JDK;
 * only the AWS adapters, {@code aws} and the composition root see the SDK's service clients; only {@code handler}
 * sees the Lambda runtime; and no two packages import each other, directly or through others.
 */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/s3notifications");
    private static final String OURS = "dev.s3notifications.";

    /** Each package's allowed imports of ours. A package missing here fails the test: say where a new one fits. */
    private static final Map<String, Set<String>> OUR_PACKAGES = Map.ofEntries(
            Map.entry("notification", Set.of()),
            Map.entry("store", Set.of("notification")),
            Map.entry("message", Set.of("notification", "store")),
            Map.entry("authorization", Set.of()),
            Map.entry("logging", Set.of("message")),
            Map.entry("fanout", Set.of("notification", "store", "message", "logging")),
            Map.entry("memory", Set.of("notification", "store", "fanout")),
            Map.entry("xml", Set.of("notification", "store", "message")),
            Map.entry("json", Set.of("notification", "message", "authorization")),
            Map.entry("api", Set.of("notification", "store", "message", "fanout", "authorization", "xml", "json",
                    "logging")),
            Map.entry("authentication", Set.of("api", "store", "authorization", "logging")),
            Map.entry("aws", Set.of("fanout")),
            Map.entry("dynamodb", Set.of("notification", "store", "message", "fanout", "aws")),
            Map.entry("sns", Set.of("notification", "store", "message", "fanout", "aws")),
            Map.entry("sqs", Set.of("notification", "store", "message", "fanout", "aws")),
            Map.entry("lambda", Set.of("notification", "store", "message", "fanout", "aws")),
            Map.entry("eventbridge", Set.of("notification", "store", "message", "fanout", "aws")),
            Map.entry("wiring", Set.of("*")),
            // Priming runs the functions' parts and the samples through their request paths; the handlers hand it
            // those paths (ApiPriming.RequestPath, FanOutPriming.RequestPath), so it never sees the handler package.
            Map.entry("priming", Set.of("api", "authentication", "authorization", "aws", "dynamodb", "fanout", "json",
                    "logging", "memory", "notification", "store", "wiring", "xml")),
            Map.entry("handler", Set.of("*")),
            Map.entry("cli", Set.of("*")));

    /** Packages that need nothing but the JDK (and each other). */
    private static final Set<String> JDK_ONLY = Set.of("notification", "store", "message", "authorization", "logging",
            "fanout", "memory");

    /** Where the AWS SDK may be imported at all, and where its service clients may. */
    private static final Set<String> SDK = Set.of("aws", "dynamodb", "sns", "sqs", "lambda", "eventbridge", "wiring",
            "priming", "handler", "cli",
            "authentication", // the SDK's SigV4 signer verifies signatures
            "api"); // the SDK's checksums (CRC64NVME, XXHASH) check x-amz-checksum-* headers
    private static final Set<String> SDK_SERVICES = Set.of("dynamodb", "sns", "sqs", "lambda", "eventbridge", "wiring");

    @Test
    void everyPackageImportsOnlyWhatItsRuleAllows() {
        Map<String, List<String>> offending = new TreeMap<>();
        for (String name : packages()) {
            Set<String> allowed = OUR_PACKAGES.get(name);
            assertThat(allowed).as("package %s has no rule in this test", name).isNotNull();
            for (Map.Entry<String, List<String>> file : imports(name).entrySet()) {
                for (String imported : file.getValue()) {
                    String reason = refusal(name, allowed, imported);
                    if (reason != null) {
                        offending.computeIfAbsent(name + "/" + file.getKey(), k -> new ArrayList<>())
                                .add(imported + " (" + reason + ")");
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String name : packages()) {
            Set<String> uses = new TreeSet<>();
            imports(name).values().forEach(list -> list.stream().filter(i -> i.startsWith(OURS))
                    .map(PackageDependenciesTest::packageOf).filter(p -> !p.equals(name)).forEach(uses::add));
            graph.put(name, uses);
        }
        List<List<String>> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, new LinkedHashSet<>(List.of(start)), cycles);
        }
        assertThat(cycles).isEmpty();
    }

    private static void findCycle(Map<String, Set<String>> graph, String at, LinkedHashSet<String> path,
            List<List<String>> cycles) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(path.iterator().next())) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                cycles.add(cycle);
            } else if (!path.contains(next) && next.compareTo(path.iterator().next()) > 0) {
                path.add(next);
                findCycle(graph, next, path, cycles);
                path.remove(next);
            }
        }
    }

    /** Why {@code imported} is not allowed in package {@code name}, or null when it is. */
    private static String refusal(String name, Set<String> allowed, String imported) {
        if (imported.startsWith(OURS)) {
            String target = packageOf(imported);
            return target.equals(name) || allowed.contains("*") || allowed.contains(target) ? null
                    : "not among " + new TreeSet<>(allowed);
        }
        if (imported.startsWith("java.")) {
            return null;
        }
        if (JDK_ONLY.contains(name)) {
            return "the JDK only";
        }
        if (imported.startsWith("com.amazonaws.services.lambda.runtime")) {
            return name.equals("handler") ? null : "the Lambda runtime: handler only";
        }
        if (imported.startsWith("software.amazon.awssdk.services.")) {
            return SDK_SERVICES.contains(name) ? null : "SDK service clients: adapters and wiring only";
        }
        if (imported.startsWith("software.amazon.awssdk.")) {
            return SDK.contains(name) ? null : "the AWS SDK";
        }
        return null;
    }

    private static List<String> packages() {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The imports of each file of a package (static imports as the class they import from). */
    private static Map<String, List<String>> imports(String packageName) {
        Map<String, List<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.list(MAIN.resolve(packageName))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                imports.put(file.getFileName().toString(), Files.readAllLines(file).stream()
                        .filter(line -> line.startsWith("import "))
                        .map(line -> line.replaceFirst("import (static )?", "").replace(";", "").trim()).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    /** {@code dev.s3notifications.fanout.FanOut} → {@code fanout}. */
    private static String packageOf(String imported) {
        return imported.substring(OURS.length()).split("\\.")[0];
    }
}
