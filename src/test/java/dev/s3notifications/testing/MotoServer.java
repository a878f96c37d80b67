package dev.s3notifications.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A moto server (a real emulator of SNS, SQS, DynamoDB and S3 speaking the AWS wire protocols over HTTP) in a child
 * process on 127.0.0.1, stopped by its PID. Needs {@code python3 -m moto.server}; moto is preinstalled on our
 * machines. One server emulates every service, told apart by each request's signature scope or target header.
 */
public final class MotoServer implements AutoCloseable {
    private static MotoServer shared;

    private final ProcessHandle process;
    private final URI endpoint;

    private MotoServer(ProcessHandle process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts a server and returns once it answers. */
    public static MotoServer start(int port, File log) {
        return launch(port, log).awaitReady();
    }

    /**
     * Starts a server and returns at once, while Python is still importing moto (about a second): a caller with
     * other work to do does it meanwhile, then calls {@link #awaitReady}.
     */
    public static MotoServer launch(int port, File log) {
        int chosen = port == 0 ? FreePort.find() : port;
        String python = System.getenv().getOrDefault("PYTHON", "python3");
        ProcessBuilder builder = new ProcessBuilder(List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                Integer.toString(chosen)))
                .redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log));
        try {
            return new MotoServer(builder.start().toHandle(), URI.create("http://127.0.0.1:" + chosen));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto server (python3 -m moto.server): " + e.getMessage(), e);
        }
    }

    /** Returns once the server answers; stops it and throws if it does not within a minute. */
    public MotoServer awaitReady() {
        try {
            awaitReady(Duration.ofSeconds(60));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One instance for the whole test JVM, stopped when the JVM exits. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start(0, null);
            MotoServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "moto-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited; is moto installed (python3 -c 'import moto')?");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.onExit().get(20, TimeUnit.MILLISECONDS); // returns early if it dies
            } catch (TimeoutException e) {
                // still starting
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("moto server not ready at " + endpoint + " after " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
