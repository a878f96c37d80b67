package dev.s3notifications.benchmark;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.DeliveryListener;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.Undelivered;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.sns.SnsNotificationPublisher;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.AwsCallCounter;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.Subscriptions;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How much the fan-out costs per delivered event, against the obvious implementation, in one harness: moto (DynamoDB,
 * and SNS with one raw SQS subscription per topic) in a child process, the functions called with SQS batches as
 * Lambda calls them. The fan-out is the function as deployed: its delivery log, the destinations' health and its
 * CloudWatch metrics (EMF log lines, written at full cost to a null stream), the listeners built once per container
 * as the function builds them ({@link Wiring#listeners}); beside it the same with {@link DeliveryListener#NONE} for
 * the metrics. Counts the SDK requests the function makes, DynamoDB reads, events that reached the subscribers, and
 * the function thread's CPU time (which leaves out the emulators' work). Beside them, the SDK floor
 * ({@link SdkFloorFanOutHandler}): the fan-out's AWS calls alone, with the same clients and SNS adapter, which is what
 * the SDK costs whatever the function does around it. Run it with {@code scripts/benchmark-fanout}, which starts this
 * JVM with the flags template.yaml deploys; it is not a test and asserts nothing, it reports.
 */
public final class FanOutBenchmark {
    static final int EVENTS = 1_000;
    static final int BATCH = 100;
    static final int BUCKETS = 10;
    static final int CONFIGURATIONS_PER_BUCKET = 10;
    static final int TOPICS = 5;
    static final Duration TTL = Settings.DEFAULT_CONFIGURATION_CACHE_TTL;
    /**
     * Unmeasured runs of each handler first (no more than the measured ones): enough for the JIT to settle, C2 included (with one, the fan-out's CPU
     * per run still fell by a third over the measured runs), so that the medians are a warm container's.
     */
    static final int WARM_UP_RUNS = 3;

    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final AwsCallCounter calls;
    private final String table;
    private final String deliveries;
    private final List<String> subscriberQueues = new ArrayList<>();
    private final List<SQSEvent> batches = new ArrayList<>();

    /**
     * @param processCpuNanos the whole JVM's CPU time over the run: the function's thread, the SDK's and the JDK's
     *                        other threads (so work moved off the function's thread still counts), and DynamoDB
     *                        Local, which runs in this JVM too
     */
    record Run(int delivered, int failures, Map<String, Integer> calls, long cpuNanos, long wallNanos, long processCpuNanos) {
        int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }

        int reads() {
            return calls.getOrDefault("DynamoDb.GetItem", 0);
        }
    }

    private FanOutBenchmark(DynamoDbClient dynamoDb, SnsClient sns, SqsClient sqs, AwsCallCounter calls, String table) {
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.sqs = sqs;
        this.calls = calls;
        this.table = table;
        this.deliveries = table.replace("buckets", "deliveries");
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream())); // logged, at full cost, but not shown
        try (MotoServer moto = MotoServer.start(0, null)) {
            AwsCallCounter calls = new AwsCallCounter();
            FanOutBenchmark benchmark = new FanOutBenchmark(AwsTestClients.dynamoDb(moto.endpoint(), calls),
                    AwsTestClients.sns(moto.endpoint(), calls), AwsTestClients.sqs(moto.endpoint()), calls,
                    "bench-buckets-" + UUID.randomUUID());
            benchmark.setUp();
            benchmark.report(rounds);
        }
    }

    private void setUp() {
        DynamoDbTables.createBuckets(dynamoDb, table);
        DynamoDbTables.createDeliveries(dynamoDb, deliveries);
        DynamoDbBucketStore store = new DynamoDbBucketStore(dynamoDb, table);
        Subscriptions subscriptions = new Subscriptions(sns, sqs);
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            topics.add(subscriptions.topic("bench-topic-" + t));
            subscriberQueues.add(subscriptions.queueSubscribedTo(topics.get(t), true));
        }
        NotificationConfigurationValidator validator = new NotificationConfigurationValidator();
        for (int b = 0; b < BUCKETS; b++) {
            Bucket bucket = new Bucket("bench-bucket-" + b, "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
            store.create(bucket);
            List<DestinationConfiguration> destinations = new ArrayList<>();
            for (int c = 0; c < CONFIGURATIONS_PER_BUCKET; c++) {
                destinations.add(new DestinationConfiguration(DestinationType.TOPIC, "bucket-" + b + "-config-" + c,
                        topics.get((b * CONFIGURATIONS_PER_BUCKET + c) % TOPICS), List.of("s3:ObjectCreated:*"),
                        List.of(new FilterRule(FilterRule.PREFIX, "dir-" + c + "/"), new FilterRule(FilterRule.SUFFIX, ".bin")), null));
            }
            store.putNotificationConfiguration(bucket,
                    validator.validate(new NotificationConfiguration(destinations, false), "us-east-1"));
        }
        // Event n is in bucket n % 10 under dir-(n / 10 % 10)/: it matches exactly one configuration of its bucket.
        for (int first = 0; first < EVENTS; first += BATCH) {
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int n = first; n < first + BATCH; n++) {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId("message-" + n);
                message.setEventSource("aws:sqs");
                message.setBody("""
                        {"eventName":"s3:ObjectCreated:Put","bucket":"bench-bucket-%d","key":"dir-%d/object %d.bin","size":%d,
                         "eTag":"9b2cf535f27731c974343645a3985328","sequencer":"0062E99A88DC4074%02X",
                         "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDAJDPLRKLG7UEXAMPLE",
                         "sourceIpAddress":"203.0.113.7","requestId":"C3D13FE58DE4C810","hostId":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"}"""
                        .formatted(n % BUCKETS, n / BUCKETS % CONFIGURATIONS_PER_BUCKET, n, 1000 + n, n % 256));
                messages.add(message);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(messages);
            batches.add(event);
        }
    }

    /** One run: a new function instance (so a cold configuration cache), all batches, then count deliveries. */
    private Run run(Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> newFunction) {
        RequestHandler<SQSEvent, SQSBatchResponse> function = newFunction.get();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        calls.reset();
        int failures = 0;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (SQSEvent batch : batches) {
            failures += function.handleRequest(batch, null).getBatchItemFailures().size();
        }
        wall = System.nanoTime() - wall;
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        process = os.getProcessCpuTime() - process;
        Map<String, Integer> made = calls.snapshot();
        return new Run(drainSubscribers(), failures, made, cpu, wall, process);
    }

    /** Receives and deletes everything the subscriber queues got; returns how many messages that was. */
    private int drainSubscribers() {
        int delivered = 0;
        for (String queue : subscriberQueues) {
            delivered += AwsTestClients.drainCount(sqs, queue);
        }
        return delivered;
    }

    private void report(int rounds) {
        Settings settings = Settings.from(Map.of("BUCKETS_TABLE", table, "DELIVERIES_TABLE", deliveries,
                "AWS_REGION", "us-east-1"));
        // A run is a new fan-out (a cold configuration cache, as its TTL of 5 s would leave it) in a warm container:
        // the listeners, the health tracker's memory with them, are the container's, built once as the function does.
        // Their clock stands still: a busy container rewrites a destination's health record once a minute, and the
        // measured runs of one fan-out add up to less than that (10 of ~2.4 s). On the wall clock the other handlers'
        // runs in between (~15 s each) would have it rewrite every record every third run, as a container that idle.
        Wiring.Stores stores = Wiring.Stores.dynamoDb(settings, dynamoDb);
        Clock busy = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        DeliveryListener deployedListeners = Wiring.listeners(stores.health(), Wiring.metrics(settings), busy);
        DeliveryListener withoutMetrics = Wiring.listeners(stores.health(), DeliveryListener.NONE, busy);
        Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> fanOut = () -> new FanOutHandler(Wiring.fanOut(settings,
                stores.buckets(), Wiring.publisher(settings, sns), stores.deliveryLog(), deployedListeners))::handleRequest;
        Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> metricsOff = () -> new FanOutHandler(Wiring.fanOut(settings,
                stores.buckets(), Wiring.publisher(settings, sns), stores.deliveryLog(), withoutMetrics))::handleRequest;
        Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> naive =
                () -> new NaiveFanOutHandler(new DynamoDbBucketStore(dynamoDb, table), sns);
        List<List<Delivery>> published = new ArrayList<>();
        NotificationPublisher recording = new NotificationPublisher() {
            private final NotificationPublisher real = new SnsNotificationPublisher(sns);

            @Override
            public List<Undelivered> publish(List<Delivery> notifications) {
                published.add(List.copyOf(notifications));
                return real.publish(notifications);
            }
        };
        List<String> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            buckets.add("bench-bucket-" + b);
        }
        Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> floor =
                () -> new SdkFloorFanOutHandler(dynamoDb, new SnsNotificationPublisher(sns), table, buckets, published);

        System.out.printf("Fan-out benchmark: %d events in SQS batches of %d; %d buckets x %d configurations -> %d topics;"
                + " each event matches exactly one configuration.%n", EVENTS, BATCH, BUCKETS, CONFIGURATIONS_PER_BUCKET, TOPICS);
        System.out.printf("JVM %s %s, flags %s; configuration cache TTL %d s; %d warm-up + %d measured runs each,"
                + " alternating; CPU = the function thread's CPU time.%n%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getInputArguments(), TTL.toSeconds(),
                Math.min(WARM_UP_RUNS, rounds), rounds);
        run(naive);
        run(() -> new FanOutHandler(Wiring.fanOut(settings, new DynamoDbBucketStore(dynamoDb, table), recording, DeliveryLog.NONE, DeliveryListener.NONE))::handleRequest);
        if (published.size() != batches.size()) {
            throw new IllegalStateException("the fan-out published " + published.size() + " times for " + batches.size() + " batches");
        }
        run(floor);
        run(fanOut); // the container's first batches: its health tracker records each destination it first sees
        run(metricsOff);
        for (int r = 1; r < Math.min(WARM_UP_RUNS, rounds); r++) { // a smoke run (1 round) warms up once
            run(naive);
            run(fanOut);
            run(metricsOff);
            run(floor);
        }
        List<Run> naiveRuns = new ArrayList<>();
        List<Run> fanOutRuns = new ArrayList<>();
        List<Run> metricsOffRuns = new ArrayList<>();
        List<Run> floorRuns = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            naiveRuns.add(run(naive));
            if (r % 2 == 0) {
                fanOutRuns.add(run(fanOut));
                metricsOffRuns.add(run(metricsOff));
            } else {
                metricsOffRuns.add(run(metricsOff));
                fanOutRuns.add(run(fanOut));
            }
            floorRuns.add(run(floor));
        }
        Run n = median(naiveRuns);
        Run f = median(fanOutRuns);
        Run m = median(metricsOffRuns);
        Run sdk = median(floorRuns);
        double naiveCpu = n.cpuNanos() / 1_000.0 / n.delivered();
        double fanOutCpu = f.cpuNanos() / 1_000.0 / f.delivered();
        double metricsOffCpu = m.cpuNanos() / 1_000.0 / m.delivered();
        double floorCpu = sdk.cpuNanos() / 1_000.0 / sdk.delivered();
        int bookkeeping = f.calls().getOrDefault("DynamoDb.UpdateItem", 0) + f.calls().getOrDefault("DynamoDb.BatchGetItem", 0);
        double callsPerEvent = (double) (f.totalCalls() - bookkeeping) / f.delivered();
        long ttlWindows = Math.max(1, (f.wallNanos() + TTL.toNanos() - 1) / TTL.toNanos());

        String row = "%-32s %-28s %-40s %-36s %s%n";
        System.out.printf(row, "", "naive (GetItem + Publish", "fan-out as deployed (cache, index,", "fan-out, metrics off",
                "SDK floor (the fan-out's");
        System.out.printf(row, "", "per event)", "PublishBatch, health, metrics)", "(DeliveryListener.NONE)", "calls only)");
        System.out.printf(row, "delivered events", n.delivered(), f.delivered(), m.delivered(), sdk.delivered());
        System.out.printf(row, "batch item failures", n.failures(), f.failures(), m.failures(), sdk.failures());
        System.out.printf(row, "AWS calls", n.totalCalls() + " " + n.calls(), f.totalCalls() + " " + f.calls(),
                m.totalCalls() + " " + m.calls(), sdk.totalCalls() + " " + sdk.calls());
        System.out.printf(row, "AWS calls per delivered event", String.format("%.3f", (double) n.totalCalls() / n.delivered()),
                String.format("%.3f (%.3f delivering, %.3f records)", (double) f.totalCalls() / f.delivered(), callsPerEvent,
                        (double) bookkeeping / f.delivered()),
                String.format("%.3f", (double) m.totalCalls() / m.delivered()),
                String.format("%.3f", (double) sdk.totalCalls() / sdk.delivered()));
        System.out.printf(row, "DynamoDB reads", n.reads(), f.reads() + " (" + BUCKETS + " buckets, " + ttlWindows + " TTL window"
                + (ttlWindows == 1 ? "" : "s") + ")", m.reads(), sdk.reads());
        System.out.printf(row, "CPU per delivered event (median)", String.format("%.1f us", naiveCpu),
                String.format("%.1f us", fanOutCpu), String.format("%.1f us", metricsOffCpu), String.format("%.1f us", floorCpu));
        System.out.printf(row, "CPU per run, each run", cpuList(naiveRuns), cpuList(fanOutRuns), cpuList(metricsOffRuns),
                cpuList(floorRuns));
        System.out.printf(row, "process CPU per delivered event",
                String.format("%.1f us", n.processCpuNanos() / 1_000.0 / n.delivered()),
                String.format("%.1f us", f.processCpuNanos() / 1_000.0 / f.delivered()),
                String.format("%.1f us", m.processCpuNanos() / 1_000.0 / m.delivered()),
                String.format("%.1f us", sdk.processCpuNanos() / 1_000.0 / sdk.delivered()));
        System.out.printf("%-32s %s%n", "", "(the whole JVM: SDK and JDK threads; the emulators run in another process)");
        System.out.printf(row + "%n", "wall time per run (median)", String.format("%.2f s", n.wallNanos() / 1e9),
                String.format("%.2f s", f.wallNanos() / 1e9), String.format("%.2f s", m.wallNanos() / 1e9),
                String.format("%.2f s", sdk.wallNanos() / 1e9));
        boolean allDelivered = f.delivered() == EVENTS && n.delivered() == EVENTS && f.failures() == 0
                && m.delivered() == EVENTS && m.failures() == 0 && sdk.delivered() == EVENTS && sdk.failures() == 0;
        String target = "%-54s %-12s %s%n";
        System.out.printf(target, "all " + EVENTS + " events reached the subscribers, none failed:", "", verdict(allDelivered));
        System.out.printf(target, "AWS calls per delivered event <= 0.12 (delivering):", String.format("%.3f", callsPerEvent),
                verdict(callsPerEvent <= 0.12));
        System.out.printf(target, "CPU per event, metrics on within 5 % of off:",
                String.format("%+.1f %%", (fanOutCpu / metricsOffCpu - 1) * 100), verdict(fanOutCpu <= metricsOffCpu * 1.05));
        System.out.printf(target, "configuration reads <= 1 per bucket per TTL:", f.reads() + " <= " + BUCKETS * ttlWindows,
                verdict(f.reads() <= BUCKETS * ttlWindows));
        System.out.printf(target, "CPU per delivered event >= 10x less than naive:", String.format("%.1fx", naiveCpu / fanOutCpu),
                verdict(naiveCpu / fanOutCpu >= 10));
        System.out.printf(target, "CPU per delivered event <= 100 us:", String.format("%.1f us", fanOutCpu),
                verdict(fanOutCpu <= 100));
        System.out.printf(target, "  of which the SDK floor (the same calls alone):", String.format("%.1f us", floorCpu),
                floorCpu > 100 ? "above 100 us on its own" : "within 100 us");
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.cpuNanos(), b.cpuNanos()));
        return sorted.get(sorted.size() / 2);
    }

    private static String cpuList(List<Run> runs) {
        return Arrays.toString(runs.stream().mapToLong(r -> r.cpuNanos() / 1_000_000).toArray()) + " ms";
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }
}
