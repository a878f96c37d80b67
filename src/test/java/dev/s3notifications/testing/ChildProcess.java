package dev.s3notifications.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process of the test JVM (an emulator, a script, another JVM): started from a {@link ProcessBuilder}, waited
 * for until it answers (an HTTP endpoint, or a line on its standard output) or dies, and stopped by its PID, with
 * SIGTERM first and SIGKILL once a timeout has passed. Failures name it, and show its log where it has one (the file
 * its standard error goes to).
 */
public final class ChildProcess implements AutoCloseable {
    /** How long {@link #close} gives the process after SIGTERM before SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String END = "\u0000end of output";
    /** How much of the end of its log a failure shows. */
    private static final int LOG_SHOWN = 20_000;

    private final String name;
    private final Process process;
    private final File log;
    private BlockingQueue<String> output;

    private ChildProcess(String name, Process process, File log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** A builder for {@code command}: no standard input, standard output and error appended to {@code log} (or discarded). */
    public static ProcessBuilder logging(List<String> command, File log) {
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log));
    }

    /** Starts {@code builder}'s command; {@code name} is what failures call it. */
    public static ChildProcess start(String name, ProcessBuilder builder) {
        ProcessBuilder.Redirect errors = builder.redirectErrorStream() ? builder.redirectOutput() : builder.redirectError();
        File log = errors.equals(ProcessBuilder.Redirect.DISCARD) ? null : errors.file();
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + String.join(" ", builder.command()) + "): "
                    + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /**
     * Returns once a GET of {@code probe} answers 200. Stops the process and throws if it exits first ({@code ifExited}
     * is added to that message: what to check) or does not answer within {@code timeout}.
     */
    public ChildProcess awaitHttp(URI probe, Duration timeout, String ifExited) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ifExited + logged());
                }
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return this;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                try {
                    process.onExit().get(20, TimeUnit.MILLISECONDS); // returns early if it dies
                } catch (TimeoutException e) {
                    // still starting
                }
            }
            throw new IllegalStateException(name + " not ready at " + probe + " after " + timeout + logged());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } catch (ExecutionException | RuntimeException e) {
            close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * The lines the process prints on standard output, up to and including the first that starts with {@code prefix};
     * throws, with what it printed and its log, if it exits first or prints no such line within {@code timeout}.
     */
    public List<String> linesUntil(String prefix, Duration timeout) {
        if (output == null) {
            output = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(output::add);
                } catch (IOException | UncheckedIOException e) {
                    // the process is gone; END says so
                }
                output.add(END);
            }, name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = new ArrayList<>();
        try {
            while (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith(prefix)) {
                String line = output.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END)) {
                    throw new IllegalStateException(name + (line == null ? " printed no '" + prefix.strip() + "' line in "
                            + timeout : " exited before its '" + prefix.strip() + "' line") + "; printed " + lines + logged());
                }
                lines.add(line);
            }
            return lines;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** SIGTERM, as Ctrl-C would; returns the exit status, or throws if it is still running after {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL to it and to everything it started that still runs; returns once it is gone (10 s at the most). */
    public void kill() {
        kill(process.toHandle());
    }

    /** SIGKILL to {@code process} and its descendants; returns once it is gone (10 s at the most). */
    public static void kill(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> process).join();
    }

    /** SIGTERM, then SIGKILL if it still runs after {@link #STOP_TIMEOUT}; returns once it is gone. */
    @Override
    public void close() {
        stop(process.toHandle(), STOP_TIMEOUT);
    }

    /** SIGTERM to {@code process}, then SIGKILL if it still runs after {@code timeout}; returns once it is gone. */
    public static void stop(ProcessHandle process, Duration timeout) {
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logged() {
        if (log == null) {
            return "";
        }
        try {
            String text = Files.readString(log.toPath());
            return "; its log (" + log + "):\n" + (text.length() <= LOG_SHOWN ? text
                    : "..." + text.substring(text.length() - LOG_SHOWN));
        } catch (IOException e) {
            return "; its log: " + log;
        }
    }
}
