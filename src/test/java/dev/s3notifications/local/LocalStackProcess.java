package dev.s3notifications.local;

import dev.s3notifications.testing.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/local-stack} as a user runs it, in a child process with a clean AWS environment: its announcement
 * lines, read until {@code ready}, and how long that took. {@link #close} stops it and whatever it started, by PID.
 */
public final class LocalStackProcess implements AutoCloseable {
    private final ChildProcess process;
    private final File log;
    private final List<String> lines;
    private final Map<String, String> announced;
    private final List<ProcessHandle> descendants;
    private final Duration untilReady;

    private LocalStackProcess(ChildProcess process, File log, List<String> lines, Duration untilReady) {
        this.process = process;
        this.log = log;
        this.lines = List.copyOf(lines);
        Map<String, String> firstByName = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            firstByName.putIfAbsent(parts[0], parts.length == 2 ? parts[1] : "");
        }
        this.announced = Collections.unmodifiableMap(firstByName);
        this.descendants = process.process().toHandle().descendants().toList();
        this.untilReady = untilReady;
    }

    /**
     * Runs the script with {@code args} and returns once it printed {@code ready}; throws, with its standard error,
     * if it exits first or takes longer than {@code timeout} (which includes the build the script may run first).
     *
     * @param environment variables set after the clean AWS environment
     */
    public static LocalStackProcess start(Map<String, String> environment, Duration timeout, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("scripts/local-stack"));
        command.addAll(List.of(args));
        File log = File.createTempFile("local-stack-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Command.cleanAwsEnvironment(builder.environment()).remove("PORT");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        ChildProcess process = ChildProcess.start("scripts/local-stack", builder);
        List<String> lines;
        try {
            lines = process.linesUntil("ready ", timeout);
        } catch (RuntimeException e) {
            process.kill();
            log.delete();
            throw e;
        }
        return new LocalStackProcess(process, log, lines, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every line it printed up to {@code ready}, in order. */
    public List<String> lines() {
        return lines;
    }

    /** The first value of each line name, in order of appearance (several {@code credentials} lines: the first). */
    public Map<String, String> announced() {
        return announced;
    }

    public URI endpoint() {
        return URI.create(announced.get("ready"));
    }

    /** From starting the script to its {@code ready} line. */
    public Duration untilReady() {
        return untilReady;
    }

    public Process process() {
        return process.process();
    }

    /** Its standard error so far. */
    public String log() throws IOException {
        return Files.readString(log.toPath());
    }

    /** SIGTERM, as Ctrl-C would; returns the exit status, or throws if it is still running after {@code timeout}. */
    public int stop(Duration timeout) throws InterruptedException {
        return process.terminate(timeout);
    }

    /** Stops it, and anything it started that is still running, by PID. */
    @Override
    public void close() {
        process.kill();
        descendants.forEach(ChildProcess::kill);
        log.delete();
    }
}
