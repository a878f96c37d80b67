package dev.s3notifications.benchmark;

import static dev.s3notifications.testing.Destinations.function;
import static dev.s3notifications.testing.Destinations.queue;
import static dev.s3notifications.testing.Destinations.topic;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.reliability.FaultProxy;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.InvokeApi;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.wiring.Settings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What delivering costs for each kind of destination: the fan-out function as deployed ({@link FanOutHandler}
 * built from its settings) fans 1,000 events out, in SQS batches of 100 over 10 buckets, to SNS topics, SQS queues,
 * Lambda functions or the EventBridge bus; its AWS calls are counted on the wire, by a pass-through proxy in front of
 * each service (moto for DynamoDB, SNS, SQS and EventBridge; an {@link InvokeApi} endpoint for Lambda, as invoking on
 * moto needs Docker), and the function thread's CPU time is measured. Each kind's runs alternate with the others'.
 * Run it with {@code scripts/benchmark-fanout}; it asserts nothing, it reports.
 */
public final class DestinationsBenchmark {
    static final int EVENTS = 1_000;
    static final int BATCH = 100;
    static final int BUCKETS = 10;
    static final int DESTINATIONS = 5;

    /** The kinds, each with the configuration that sends a bucket's every creation there. */
    enum Kind { TOPICS, QUEUES, FUNCTIONS, EVENTBRIDGE }

    private record Run(int delivered, int failures, Map<String, Integer> calls, long cpuNanos, long wallNanos) {
        int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger busEntries = new AtomicInteger();
    private final Map<Kind, List<String>> bucketsOf = new LinkedHashMap<>();
    private final Map<Kind, List<SQSEvent>> batchesOf = new LinkedHashMap<>();
    private final List<String> queueUrls = new ArrayList<>();
    private final List<String> topicQueues = new ArrayList<>();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream())); // logged, at full cost, but not shown
        AwsTestClients.defaultChainCredentials();
        new DestinationsBenchmark().measure(rounds);
    }

    private void measure(int rounds) {
        try (MotoServer moto = MotoServer.start(0, null);
             InvokeApi lambda = InvokeApi.start("us-east-1", "123456789012", arn -> true, invocation -> { });
             FaultProxy dynamoDbWire = counting(FaultProxy.start(moto.endpoint(), FaultProxy.Service.DYNAMODB, 1), "DynamoDb");
             FaultProxy snsWire = counting(FaultProxy.start(moto.endpoint(), FaultProxy.Service.SNS, 1), "Sns");
             FaultProxy sqsWire = counting(FaultProxy.start(moto.endpoint(), FaultProxy.Service.SQS, 1), "Sqs");
             FaultProxy lambdaWire = counting(FaultProxy.start(lambda.endpoint(), FaultProxy.Service.LAMBDA, 1), "Lambda");
             FaultProxy eventsWire = counting(FaultProxy.start(moto.endpoint(), FaultProxy.Service.EVENTBRIDGE, 1), "EventBridge");
             DynamoDbClient dynamoDb = AwsTestClients.dynamoDb(moto.endpoint());
             SqsClient sqs = AwsTestClients.sqs(moto.endpoint())) {
            eventsWire.onForwarded((request, answer) -> busEntries.addAndGet(countTaken(answer)));
            String table = "bench-buckets-" + UUID.randomUUID();
            String deliveries = "bench-deliveries-" + UUID.randomUUID();
            DynamoDbTables.createBuckets(dynamoDb, table);
            DynamoDbTables.createDeliveries(dynamoDb, deliveries);
            setUp(new DynamoDbBucketStore(dynamoDb, table), sqs, moto);
            Map<String, String> environment = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table,
                    "DELIVERIES_TABLE", deliveries, "PRIME_AT_INIT", "false",
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbWire.endpoint().toString(),
                    "AWS_ENDPOINT_URL_SNS", snsWire.endpoint().toString(),
                    "AWS_ENDPOINT_URL_SQS", sqsWire.endpoint().toString(),
                    "AWS_ENDPOINT_URL_LAMBDA", lambdaWire.endpoint().toString()));
            environment.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventsWire.endpoint().toString());
            Settings settings = Settings.from(environment);

            System.out.printf("Destinations benchmark: %d events in SQS batches of %d over %d buckets, each event to one"
                    + " destination of the kind (%d of each), or to the bus; the function as deployed, its calls counted on"
                    + " the wire.%nJVM %s %s, flags %s; 1 warm-up + %d measured runs per kind, alternating; CPU = the"
                    + " function thread's CPU time.%n%n", EVENTS, BATCH, BUCKETS, DESTINATIONS,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    ManagementFactory.getRuntimeMXBean().getInputArguments(), rounds);
            Map<Kind, List<Run>> runs = new LinkedHashMap<>();
            for (Kind kind : Kind.values()) {
                run(kind, settings, sqs, lambda); // warm-up
                runs.put(kind, new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (Kind kind : Kind.values()) {
                    runs.get(kind).add(run(kind, settings, sqs, lambda));
                }
            }
            String row = "%-13s %10s %9s %16s %11s %14s %9s  %s%n";
            System.out.printf(row, "destination", "delivered", "failures", "calls per event", "delivering", "CPU per event",
                    "wall", "calls");
            runs.forEach((kind, all) -> {
                Run median = median(all);
                // Health records are written as the destinations are first seen: each run builds the function anew
                int records = median.calls().getOrDefault("DynamoDb.UpdateItem", 0);
                System.out.printf(row, kind.name().toLowerCase(), median.delivered(), median.failures(),
                        String.format("%.3f", (double) median.totalCalls() / median.delivered()),
                        String.format("%.3f", (double) (median.totalCalls() - records) / median.delivered()),
                        String.format("%.1f us", median.cpuNanos() / 1_000.0 / median.delivered()),
                        String.format("%.2f s", median.wallNanos() / 1e9), median.calls());
            });
            System.out.printf("%nLambda's Invoke API takes one event per call, so functions cost one call per event;"
                    + " topics, queues and the bus take batches of 10.%n");
        }
    }

    private FaultProxy counting(FaultProxy proxy, String service) {
        proxy.listen(request -> calls.computeIfAbsent(service + "." + request.operation(), any -> new AtomicInteger())
                .incrementAndGet());
        return proxy;
    }

    private void setUp(DynamoDbBucketStore store, SqsClient sqs, MotoServer moto) {
        var sns = AwsTestClients.sns(moto.endpoint());
        List<String> topics = new ArrayList<>();
        List<String> queueArns = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        for (int d = 0; d < DESTINATIONS; d++) {
            String topic = sns.createTopic(b -> b.name("bench-topic-" + UUID.randomUUID())).topicArn();
            topics.add(topic);
            topicQueues.add(AwsTestClients.subscribedQueue(sns, sqs, topic, "bench-topic-sub-" + UUID.randomUUID(), true));
            String queueUrl = sqs.createQueue(b -> b.queueName("bench-queue-" + UUID.randomUUID())).queueUrl();
            queueUrls.add(queueUrl);
            queueArns.add(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN));
            functions.add("arn:aws:lambda:us-east-1:123456789012:function:bench-" + d);
        }
        for (Kind kind : Kind.values()) {
            List<String> buckets = new ArrayList<>();
            for (int b = 0; b < BUCKETS; b++) {
                Bucket bucket = new Bucket("bench-" + kind.name().toLowerCase() + "-" + b, "123456789012", "us-east-1",
                        Instant.parse("2026-01-01T00:00:00Z"));
                store.create(bucket);
                List<DestinationConfiguration> configurations = new ArrayList<>();
                for (int d = 0; d < DESTINATIONS; d++) {
                    String prefix = "dir-" + d + "/";
                    switch (kind) {
                        case TOPICS -> configurations.add(topic("c" + d, topics.get(d), prefix, null, "s3:ObjectCreated:*"));
                        case QUEUES -> configurations.add(queue("c" + d, queueArns.get(d), prefix, null, "s3:ObjectCreated:*"));
                        case FUNCTIONS -> configurations.add(function("c" + d, functions.get(d), prefix, null, "s3:ObjectCreated:*"));
                        case EVENTBRIDGE -> { }
                    }
                }
                store.putNotificationConfiguration(bucket, new NotificationConfiguration(configurations, kind == Kind.EVENTBRIDGE));
                buckets.add(bucket.name());
            }
            bucketsOf.put(kind, buckets);
            batchesOf.put(kind, batches(buckets));
        }
    }

    /** Event n is in bucket n % 10 under dir-(n / 10 % 5)/: it matches exactly one configuration of its bucket. */
    private static List<SQSEvent> batches(List<String> buckets) {
        List<SQSEvent> batches = new ArrayList<>();
        for (int first = 0; first < EVENTS; first += BATCH) {
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int n = first; n < first + BATCH; n++) {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId("message-" + n);
                message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                message.setBody("""
                        {"eventName":"s3:ObjectCreated:Put","bucket":"%s","key":"dir-%d/object %d.bin","size":%d,
                         "eTag":"9b2cf535f27731c974343645a3985328","sequencer":"0062E99A88DC4074%02X",
                         "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDAJDPLRKLG7UEXAMPLE",
                         "sourceIpAddress":"203.0.113.7","requestId":"C3D13FE58DE4C810","hostId":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"}"""
                        .formatted(buckets.get(n % BUCKETS), n / BUCKETS % DESTINATIONS, n, 1000 + n, n % 256));
                messages.add(message);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(messages);
            batches.add(event);
        }
        return batches;
    }

    /** One run: a new function instance (a cold configuration cache, as in a new container), then its deliveries. */
    private Run run(Kind kind, Settings settings, SqsClient sqs, InvokeApi lambda) {
        FanOutHandler function = new FanOutHandler(settings);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        calls.clear();
        busEntries.set(0);
        int invocationsBefore = lambda.invocations().size();
        int failures = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (SQSEvent batch : batchesOf.get(kind)) {
            failures += function.handleRequest(batch, null).getBatchItemFailures().size();
        }
        wall = System.nanoTime() - wall;
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        Map<String, Integer> made = new TreeMap<>();
        calls.forEach((name, count) -> made.put(name, count.get()));
        int delivered = switch (kind) {
            case TOPICS -> drain(sqs, topicQueues);
            case QUEUES -> drain(sqs, queueUrls);
            case FUNCTIONS -> lambda.invocations().size() - invocationsBefore;
            case EVENTBRIDGE -> busEntries.get();
        };
        return new Run(delivered, failures, made, cpu, wall);
    }

    private static int drain(SqsClient sqs, List<String> queues) {
        int drained = 0;
        for (String queue : queues) {
            drained += AwsTestClients.drainCount(sqs, queue);
        }
        return drained;
    }

    /** How many entries of a PutEvents answer EventBridge took (gave an event id). */
    private static int countTaken(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int taken = 0;
        for (int at = text.indexOf("\"EventId\""); at >= 0; at = text.indexOf("\"EventId\"", at + 1)) {
            taken++;
        }
        return taken;
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.cpuNanos(), b.cpuNanos()));
        return sorted.get(sorted.size() / 2);
    }
}
