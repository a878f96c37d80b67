package dev.s3notifications.testing;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A moto server (a real emulator of SNS, SQS, DynamoDB and S3 speaking the AWS wire protocols over HTTP) in a child
 * process on 127.0.0.1, stopped by its PID. Needs {@code python3 -m moto.server}; moto is preinstalled on our
 * machines. One server emulates every service, told apart by each request's signature scope or target header.
 */
public final class MotoServer implements AutoCloseable {
    private static MotoServer shared;

    private final ChildProcess process;
    private final URI endpoint;

    private MotoServer(ChildProcess process, URI endpoint) {
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
        ChildProcess process = ChildProcess.start("moto server", ChildProcess.logging(List.of(python, "-m", "moto.server",
                "-H", "127.0.0.1", "-p", Integer.toString(chosen)), log));
        return new MotoServer(process, URI.create("http://127.0.0.1:" + chosen));
    }

    /** Returns once the server answers; stops it and throws if it does not within a minute. */
    public MotoServer awaitReady() {
        process.awaitHttp(endpoint.resolve("/moto-api/"), Duration.ofSeconds(60),
                "; is moto installed (python3 -c 'import moto')?");
        return this;
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

    @Override
    public void close() {
        process.close();
    }
}
