package dev.s3notifications.reliability;

import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.local.ObjectEventQueuePoller;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.wiring.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The fan-out consumer as a process of its own, for {@link CrashMidBatchIT} to kill: an
 * {@link ObjectEventQueuePoller} (Lambda's event source mapping) feeding the fan-out function built from the
 * environment exactly as Lambda builds it ({@code Settings.fromEnvironment()}: {@code BUCKETS_TABLE},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SNS}, ...).
 *
 * <p>Usage: {@code FanOutConsumer <sqs endpoint> <queue url> <queue arn> <dlq url> <dlq arn> <log file>}. Prints
 * {@code ready <pid>} on standard output once polling; its JSON log lines go to the log file. Runs until killed.
 */
public final class FanOutConsumer {
    private FanOutConsumer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: FanOutConsumer <sqs endpoint> <queue url> <queue arn> <dlq url> <dlq arn> <log file>");
            System.exit(2);
        }
        PrintStream log = new PrintStream(Files.newOutputStream(Path.of(args[5]), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        JsonLog.redirect(log);
        var queues = new ObjectEventQueuePoller.Queues(args[1], args[2], args[3], args[4]);
        var sqs = AwsTestClients.sqs(URI.create(args[0]));
        Settings settings = Settings.fromEnvironment();
        var poller = new ObjectEventQueuePoller(sqs, queues, new FanOutHandler(settings)::handleRequest, settings.region(),
                Duration.ofSeconds(1));
        poller.start();
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await(); // until the process is killed
    }
}
