package dev.s3notifications.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a fuzz target saw: how many inputs, the outcomes by kind (an HTTP status and S3 code, a batch result), and
 * the invariant violations by name, each of which must stay at 0. Printed at the end of a run and written to
 * {@code target/reliability/fuzz-<target>.txt}, where the README's figures come from.
 */
public final class FuzzReport {
    private final String target;
    private final AtomicLong inputs = new AtomicLong();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> violations = new ConcurrentHashMap<>();

    /** @param invariants the names of the violations reported even when they never happen */
    public FuzzReport(String target, String... invariants) {
        this.target = target;
        for (String invariant : invariants) {
            violations.put(invariant, new AtomicLong());
        }
    }

    public void input() {
        inputs.incrementAndGet();
    }

    public void outcome(String kind) {
        outcomes.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    public void violation(String invariant) {
        violations.computeIfAbsent(invariant, k -> new AtomicLong()).incrementAndGet();
    }

    public long inputs() {
        return inputs.get();
    }

    public long violations() {
        return violations.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public String summary() {
        Map<String, Long> sortedOutcomes = new TreeMap<>();
        outcomes.forEach((kind, count) -> sortedOutcomes.put(kind, count.get()));
        Map<String, Long> sortedViolations = new TreeMap<>();
        violations.forEach((kind, count) -> sortedViolations.put(kind, count.get()));
        StringBuilder text = new StringBuilder("fuzz ").append(target).append(": ").append(inputs.get()).append(" inputs\n");
        text.append("  violations (each must be 0):\n");
        sortedViolations.forEach((kind, count) -> text.append(String.format("    %-50s %d%n", kind, count)));
        text.append("  outcomes:\n");
        sortedOutcomes.forEach((kind, count) -> text.append(String.format("    %-50s %d%n", kind, count)));
        return text.toString();
    }

    /**
     * Prints the summary and writes it to target/reliability/fuzz-{target}.txt; a target that saw no input (another
     * target of its class ran alone, as Jazzer's fuzzing mode runs them) leaves the file of its last run alone.
     */
    public void publish() {
        if (inputs.get() == 0) {
            return;
        }
        String summary = summary();
        System.out.print(summary);
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            Files.writeString(dir.resolve("fuzz-" + target + ".txt"), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
