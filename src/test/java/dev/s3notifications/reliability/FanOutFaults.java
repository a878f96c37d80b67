package dev.s3notifications.reliability;

import static dev.s3notifications.testing.Destinations.topic;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.NotificationConfiguration;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.handler.ObjectEventHandler;
import dev.s3notifications.local.ObjectEventQueuePoller;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.FaultProxy;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.wiring.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * N object events through the fan-out path with faults between the function and its AWS endpoints, at several
 * rates; then the exact accounting of {@link EventLedger}: every event delivered at least once or in the
 * dead-letter queue, and how many duplicates.
 *
 * <p>The path: an SQS queue with a redrive policy (moto) → {@link ObjectEventQueuePoller}s (Lambda's event source
 * mapping) → the fan-out function as deployed ({@link ObjectEventHandler} built from {@link Settings}, whose
 * {@code AWS_ENDPOINT_URL_DYNAMODB}/{@code _SNS} point at Toxiproxy) → Toxiproxy (TCP faults: resets, stalls,
 * cut responses) → {@link FaultProxy} (HTTP faults in the services' wire shapes, some after the request was done) →
 * moto's DynamoDB and SNS, which delivers to raw SQS subscriptions. Nothing in the function is mocked.
 *
 * <p>{@code scripts/reliability faults} runs {@link #main}; {@code FanOutFaultsIT} runs a short form.
 */
public final class FanOutFaults {
    /**
     * @param events          object events per rate (each with a unique bucket + key + sequencer)
     * @param rates           per-request fault probabilities on the way to DynamoDB and to SNS, one run each
     * @param poisoned        messages no reader accepts, per rate: they must end in the dead-letter queue
     * @param pollers         concurrent consumers of the queue (Lambda scales out the same way)
     * @param maxReceiveCount the redrive policy's; a message received this often goes to the dead-letter queue
     * @param visibility      the queue's visibility timeout: how soon a failed message comes back
     */
    public record Options(int events, List<Double> rates, int poisoned, int pollers, int maxReceiveCount,
            Duration visibility, long seed, Duration deadline, Duration cacheTtl) {
        /**
         * What CI runs. The visibility timeout is short so that failed messages come back soon, but longer than a
         * batch takes on a busy 2-core machine: a shorter one makes duplicates without any fault.
         */
        public static Options shortForm() {
            return new Options(1000, List.of(0.1, 0.3), 5, 2, 3, Duration.ofSeconds(4), 42, Duration.ofMinutes(5),
                    Duration.ZERO);
        }
    }

    /** One rate's outcome. */
    public record Outcome(double rate, EventLedger.Totals totals, FaultProxy.Stats dynamoDb, FaultProxy.Stats sns,
            ObjectEventQueuePoller.Stats polling, Duration longestInvocation, Duration wall) {
    }

    private final Options options;
    private final PrintStream log;

    public FanOutFaults(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Runs every rate on one set of emulators and proxies; stops what it started. */
    public List<Outcome> run() {
        useDummyCredentialsUnlessConfigured();
        List<Outcome> outcomes = new ArrayList<>();
        try (FaultyEndpoints faulty = new FaultyEndpoints(options.seed());
             DynamoDbClient dynamoDb = AwsTestClients.dynamoDb(MotoServer.shared().endpoint());
             SnsClient sns = AwsTestClients.sns(MotoServer.shared().endpoint());
             SqsClient sqs = AwsTestClients.sqs(MotoServer.shared().endpoint())) {
            String table = "reliability-buckets-" + UUID.randomUUID();
            DynamoDbBucketStore.createTable(dynamoDb, table);
            for (double rate : options.rates()) {
                outcomes.add(runAt(rate, new Rig(faulty, dynamoDb, sns, sqs, table)));
            }
        }
        return outcomes;
    }

    private record Rig(FaultyEndpoints faulty, DynamoDbClient dynamoDb, SnsClient sns, SqsClient sqs, String table) {
    }

    private Outcome runAt(double rate, Rig rig) {
        String run = "r" + Math.round(rate * 100) + "-" + UUID.randomUUID().toString().substring(0, 6);
        // The buckets, topics and subscriptions of this rate, set up directly (no faults on the way).
        String createdTopic = rig.sns().createTopic(b -> b.name("created-" + run)).topicArn();
        String removedTopic = rig.sns().createTopic(b -> b.name("removed-" + run)).topicArn();
        Map<String, String> subscriberQueues = new LinkedHashMap<>();
        subscriberQueues.put(createdTopic, AwsTestClients.subscribedQueue(rig.sns(), rig.sqs(), createdTopic, "created-sub-" + run, true));
        subscriberQueues.put(removedTopic, AwsTestClients.subscribedQueue(rig.sns(), rig.sqs(), removedTopic, "removed-sub-" + run, true));
        var store = new DynamoDbBucketStore(rig.dynamoDb(), rig.table());
        List<String> buckets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Bucket bucket = new Bucket("faults-" + run + "-" + i, "123456789012", "us-east-1", Instant.now());
            store.create(bucket);
            store.putNotificationConfiguration(bucket, new NotificationConfiguration(List.of(
                    topic("created", createdTopic, "in/", null, "s3:ObjectCreated:*"),
                    topic("removed", removedTopic, null, null, "s3:ObjectRemoved:*"),
                    topic("never", createdTopic, "elsewhere/", null, "s3:ObjectCreated:*")), false));
            buckets.add(bucket.name());
        }
        EventLedger ledger = EventLedger.generate(options.events(), buckets, createdTopic, removedTopic, options.poisoned(),
                options.seed());
        var queues = ObjectEventQueuePoller.createQueues(rig.sqs(), "object-events-" + run, options.maxReceiveCount(),
                options.visibility());

        // The function as deployed, configured to reach DynamoDB and SNS through the faults. A cache lifetime of 0
        // makes every event read its bucket, so DynamoDB's faults matter as much as SNS's.
        Settings settings = Settings.from(Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", rig.table(),
                "AWS_ENDPOINT_URL_DYNAMODB", rig.faulty().dynamoDb.toString(),
                "AWS_ENDPOINT_URL_SNS", rig.faulty().sns.toString(), "CONFIGURATION_CACHE_TTL_SECONDS", Long.toString(options.cacheTtl().toSeconds())));
        TimedHandler handler = new TimedHandler(new ObjectEventHandler(settings));
        rig.faulty().inject(rate, FaultyEndpoints.Kinds.ALL);
        FaultProxy.Stats dynamoDbBefore = rig.faulty().dynamoDbFaults.stats();
        FaultProxy.Stats snsBefore = rig.faulty().snsFaults.stats();

        Instant start = Instant.now();
        send(rig.sqs(), queues.url(), ledger.messages());
        List<ObjectEventQueuePoller> pollers = new ArrayList<>();
        for (int i = 0; i < options.pollers(); i++) {
            var poller = new ObjectEventQueuePoller(rig.sqs(), queues, handler, "us-east-1", Duration.ofSeconds(1));
            pollers.add(poller);
            poller.start();
        }
        try {
            awaitEmpty(rig.sqs(), queues.url(), start.plus(options.deadline()));
        } finally {
            pollers.forEach(ObjectEventQueuePoller::stop);
            rig.faulty().heal();
        }
        Duration wall = Duration.between(start, Instant.now());

        subscriberQueues.forEach((topic, url) -> drain(rig.sqs(), url).forEach(body -> ledger.delivered(topic, body)));
        drain(rig.sqs(), queues.deadLetterUrl()).forEach(ledger::deadLettered);
        long batches = 0, messages = 0, deleted = 0, failed = 0;
        for (ObjectEventQueuePoller poller : pollers) {
            var stats = poller.stats();
            batches += stats.batches();
            messages += stats.messages();
            deleted += stats.deleted();
            failed += stats.failed();
        }
        Outcome outcome = new Outcome(rate, ledger.totals(),
                FaultyEndpoints.since(rig.faulty().dynamoDbFaults.stats(), dynamoDbBefore),
                FaultyEndpoints.since(rig.faulty().snsFaults.stats(), snsBefore), new ObjectEventQueuePoller.Stats(batches, messages, deleted, failed),
                handler.longest(), wall);
        if (!ledger.lost().isEmpty()) {
            log.println("LOST at rate " + rate + ": " + ledger.lost());
        }
        log.println(line(outcome));
        return outcome;
    }

    private static void send(SqsClient sqs, String queueUrl, List<EventLedger.SentMessage> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, messages.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(messages.get(i).body()).build());
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!result.failed().isEmpty()) {
                throw new IllegalStateException("could not send: " + result.failed());
            }
        }
    }

    /** Waits until the queue holds no message, visible or in flight: every one was deleted or dead-lettered. */
    private static void awaitEmpty(SqsClient sqs, String queueUrl, Instant deadline) {
        while (true) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            long left = Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            if (left == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(left + " messages still in " + queueUrl + " at the deadline");
            }
            try {
                Thread.sleep(200); // the interval between two looks at the queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every message in the queue (deleting them), until it is empty. */
    static List<String> drain(SqsClient sqs, String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (batch.isEmpty()) {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                if (attributes.values().stream().allMatch("0"::equals)) {
                    return bodies;
                }
                continue;
            }
            for (Message message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** The function, timed: Lambda would end an invocation at the function's timeout (60 s in template.yaml). */
    private static final class TimedHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
        private final ObjectEventHandler handler;
        private final AtomicLong longestNanos = new AtomicLong();

        TimedHandler(ObjectEventHandler handler) {
            this.handler = handler;
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            long start = System.nanoTime();
            try {
                return handler.handleRequest(event, context);
            } finally {

                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        }

        Duration longest() {
            return Duration.ofNanos(longestNanos.get());
        }
    }

    static String header() {
        return String.format(Locale.ROOT, "%-5s %6s %6s %9s %8s %6s %10s %5s %8s %5s %11s %14s %14s %9s %7s",
                "rate", "events", "msgs", "delivered", "dupes", "DLQ", "DLQ+deliv", "lost", "poisonDLQ", "bad",
                "batchFails", "ddbFaults/req", "snsFaults/req", "longest", "wall");
    }

    static String line(Outcome o) {
        EventLedger.Totals t = o.totals();
        return String.format(Locale.ROOT, "%-5s %6d %6d %9d %8d %6d %10d %5d %8s %5d %11d %14s %14s %8.1fs %6.1fs",
                Math.round(o.rate() * 100) + "%", t.events(), t.messages(), t.deliveredUnique(), t.duplicates(), t.deadLettered(),
                t.deadLetteredAndDelivered(), t.lost(), t.poisonDeadLettered() + "/" + t.poisoned(),
                t.unexpected() + t.corrupted() + t.misrouted(), o.polling().failed(),
                o.dynamoDb().faulted() + "/" + o.dynamoDb().requests(), o.sns().faulted() + "/" + o.sns().requests(),
                o.longestInvocation().toMillis() / 1000.0, o.wall().toMillis() / 1000.0);
    }

    static void useDummyCredentialsUnlessConfigured() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    /** {@code scripts/reliability faults [--events N] [--rates 0,0.1,0.3] [--pollers P]}: prints one line per rate. */
    public static void main(String[] args) throws IOException {
        Options defaults = Options.shortForm();
        int events = defaults.events();
        List<Double> rates = List.of(0.0, 0.1, 0.3, 0.6);
        int pollers = defaults.pollers();
        Duration cacheTtl = defaults.cacheTtl();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
                case "--pollers" -> pollers = Integer.parseInt(args[++i]);
                case "--cache-ttl" -> cacheTtl = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Options options = new Options(events, rates, defaults.poisoned(), pollers, defaults.maxReceiveCount(),
                defaults.visibility(), defaults.seed(), Duration.ofMinutes(30), cacheTtl);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        JsonLog.redirect(new PrintStream(Files.newOutputStream(FaultyEndpoints.logFile("fan-out-faults-function").toPath()), true,
                StandardCharsets.UTF_8));
        out.println("Fan-out under faults: " + events + " events (+" + options.poisoned() + " poisoned messages) per rate; "
                + pollers + " pollers; maxReceiveCount " + options.maxReceiveCount() + ", visibility "
                + options.visibility().toSeconds() + " s; faults on the way to DynamoDB and SNS (Toxiproxy + HTTP fault proxy)");
        out.println(header());
        List<Outcome> outcomes = new FanOutFaults(options, out).run();
        long lost = outcomes.stream().mapToLong(o -> o.totals().lost()).sum();
        out.println(lost == 0 ? "lost = 0 at every rate" : "LOST " + lost + " EVENTS");
        System.exit(lost == 0 ? 0 : 1);
    }
}
