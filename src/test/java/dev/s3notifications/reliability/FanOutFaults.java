package dev.s3notifications.reliability;

import static dev.s3notifications.testing.Destinations.function;
import static dev.s3notifications.testing.Destinations.queue;
import static dev.s3notifications.testing.Destinations.topic;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.local.ObjectEventQueuePoller;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.InvokeApi;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.wiring.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * N object events through the fan-out path with faults between the function and its AWS endpoints, at several
 * rates; then the exact accounting of {@link EventLedger}: every delivery due made at least once or its event in
 * the dead-letter queue, and how many duplicates.
 *
 * <p>The path: an SQS queue with a redrive policy (moto) → {@link ObjectEventQueuePoller}s (Lambda's event source
 * mapping) → the fan-out function as deployed ({@link FanOutHandler} built from {@link Settings}, whose
 * {@code AWS_ENDPOINT_URL_*} point at the faults) → for DynamoDB and SNS, Toxiproxy (TCP faults: resets, stalls,
 * cut responses) then a {@link FaultProxy} (HTTP faults in the services' wire shapes, some after the request was
 * done); for SQS, EventBridge and Lambda a {@link FaultProxy} whose faults include batch entries failed inside a 200
 * → moto (DynamoDB; SNS delivering to raw SQS subscriptions; SQS queues; EventBridge, read at the proxy from what it
 * answered it took) and an {@link InvokeApi} endpoint recording invocations. Nothing in the function is mocked.
 *
 * <p>Two mixes of destinations: {@link Mix#TOPICS} (creations and deletions to two topics, faults on the way to
 * DynamoDB and SNS) and {@link Mix#QUEUE_FUNCTION_BUS} (creations to a queue, deletions to a function, every event to
 * the EventBridge bus; faults on the way to DynamoDB and on the delivery calls to SQS, Lambda and EventBridge).
 *
 * <p>{@code scripts/reliability faults} runs {@link #main}; {@code FanOutFaultsIT} runs a short form.
 */
public final class FanOutFaults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many messages the object-events queue holds at most while it is fed. */
    private static final int FEED_DEPTH = 60;
    /**
     * @param events          object events per rate (each with a unique bucket + key + sequencer)
     * @param rates           per-request fault probabilities on the way to DynamoDB and to SNS, one run each
     * @param poisoned        messages no reader accepts, per rate: they must end in the dead-letter queue
     * @param pollers         concurrent consumers of the queue (Lambda scales out the same way)
     * @param maxReceiveCount the redrive policy's; a message received this often goes to the dead-letter queue
     * @param visibility      the queue's visibility timeout: how soon a failed message comes back
     */
    public record Options(Mix mix, int events, List<Double> rates, int poisoned, int pollers, int maxReceiveCount,
            Duration visibility, long seed, Duration deadline, Duration cacheTtl) {
        /**
         * What CI runs for a mix. The visibility timeout is short so that failed messages come back soon, but longer
         * than a batch takes on a busy 2-core machine: a shorter one makes duplicates without any fault.
         */
        public static Options shortForm(Mix mix) {
            return new Options(mix, mix.shortFormEvents, mix.shortFormRates, 5, 2, 3, Duration.ofSeconds(4), 42,
                    Duration.ofMinutes(5), mix.cacheTtl);
        }
    }

    /** Which destinations the buckets send their events to, and where the faults are. */
    public enum Mix {
        /** Creations to one topic, deletions to another; faults on the way to DynamoDB and SNS. */
        TOPICS(3, 1000, List.of(0.3), Duration.ZERO),
        /**
         * Creations to a queue, deletions to a function, every event to the EventBridge bus; faults on the way to
         * DynamoDB and on the calls that deliver to SQS, Lambda and EventBridge.
         */
        QUEUE_FUNCTION_BUS(2, 2000, List.of(0.2), Duration.ofSeconds(5));

        private final int removedEvery;
        /** CI's events and rates: for the queue, function and bus mix, a thousand events at least per destination kind. */
        private final int shortFormEvents;
        private final List<Double> shortFormRates;
        /**
         * How long the function keeps a configuration: 0 for the topics, so that every event reads its bucket and
         * DynamoDB's faults weigh as much as SNS's; the function's default for the others, whose faults are meant to
         * strike the delivery calls (DynamoDB still takes faults, on the delivery log's writes and the reads).
         */
        private final Duration cacheTtl;

        Mix(int removedEvery, int shortFormEvents, List<Double> shortFormRates, Duration cacheTtl) {
            this.removedEvery = removedEvery;
            this.shortFormEvents = shortFormEvents;
            this.shortFormRates = shortFormRates;
            this.cacheTtl = cacheTtl;
        }
    }

    /** One rate's outcome; {@code deliveries} are the fault proxies on the way to the mix's destinations. */
    public record Outcome(double rate, EventLedger.Totals totals, FaultProxy.Stats dynamoDb, FaultProxy.Stats deliveries,
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
        // DynamoDB on a moto of its own: one moto process serves one request at a time, and the fan-out's bucket
        // reads, delivery log and health writes would otherwise queue behind SNS's and SQS's work (both cores used).
        try (MotoServer dynamoDbServer = MotoServer.start(0, null);
             InvokeApi lambda = InvokeApi.start("us-east-1", "123456789012");
             FaultyEndpoints faulty = new FaultyEndpoints(options.seed(), lambda.endpoint(), dynamoDbServer.endpoint());
             DynamoDbClient dynamoDb = AwsTestClients.dynamoDb(dynamoDbServer.endpoint());
             SnsClient sns = AwsTestClients.sns(MotoServer.shared().endpoint());
             SqsClient sqs = AwsTestClients.sqs(MotoServer.shared().endpoint());
             EventBridgeClient eventBridge = AwsTestClients.eventBridge(MotoServer.shared().endpoint())) {
            String table = "reliability-buckets-" + UUID.randomUUID();
            String deliveries = "reliability-deliveries-" + UUID.randomUUID();
            DynamoDbTables.createBuckets(dynamoDb, table);
            DynamoDbTables.createDeliveries(dynamoDb, deliveries);
            for (double rate : options.rates()) {
                outcomes.add(runAt(rate, new Rig(faulty, dynamoDb, sns, sqs, eventBridge, lambda, table, deliveries)));
            }
        }
        return outcomes;
    }

    private record Rig(FaultyEndpoints faulty, DynamoDbClient dynamoDb, SnsClient sns, SqsClient sqs,
            EventBridgeClient eventBridge, InvokeApi lambda, String table, String deliveries) {
    }

    /** Where a rate's events go, and where to read what arrived there. */
    private record Destinations(List<DestinationConfiguration> configurations, boolean eventBridge,
            EventLedger.Routes routes, Map<String, String> queueOfDestination) {
    }

    /** The mix's destinations, made for this rate's run (no faults on the way). */
    private Destinations destinations(Rig rig, String run) {
        if (options.mix() == Mix.TOPICS) {
            String createdTopic = rig.sns().createTopic(b -> b.name("created-" + run)).topicArn();
            String removedTopic = rig.sns().createTopic(b -> b.name("removed-" + run)).topicArn();
            Map<String, String> queues = new LinkedHashMap<>();
            queues.put(createdTopic, AwsTestClients.subscribedQueue(rig.sns(), rig.sqs(), createdTopic, "created-sub-" + run, true));
            queues.put(removedTopic, AwsTestClients.subscribedQueue(rig.sns(), rig.sqs(), removedTopic, "removed-sub-" + run, true));
            return new Destinations(List.of(
                    topic("created", createdTopic, "in/", null, "s3:ObjectCreated:*"),
                    topic("removed", removedTopic, null, null, "s3:ObjectRemoved:*"),
                    topic("never", createdTopic, "elsewhere/", null, "s3:ObjectCreated:*")), false,
                    new EventLedger.Routes(createdTopic, removedTopic, null, options.mix().removedEvery), queues);
        }
        String createdQueue = rig.sqs().createQueue(b -> b.queueName("created-" + run)).queueUrl();
        String createdQueueArn = rig.sqs().getQueueAttributes(b -> b.queueUrl(createdQueue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String function = rig.lambda().create("removed-" + run);
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put(createdQueueArn, createdQueue);
        return new Destinations(List.of(
                queue("created", createdQueueArn, "in/", null, "s3:ObjectCreated:*"),
                function("removed", function, null, null, "s3:ObjectRemoved:*"),
                queue("never", createdQueueArn, "elsewhere/", null, "s3:ObjectCreated:*")), true,
                new EventLedger.Routes(createdQueueArn, function, "bus", options.mix().removedEvery), queues);
    }

    private Outcome runAt(double rate, Rig rig) {
        String run = "r" + Math.round(rate * 100) + "-" + UUID.randomUUID().toString().substring(0, 6);
        // The buckets and destinations of this rate, set up directly (no faults on the way).
        Destinations destinations = destinations(rig, run);
        var store = new DynamoDbBucketStore(rig.dynamoDb(), rig.table());
        List<String> buckets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Bucket bucket = new Bucket("faults-" + run + "-" + i, "123456789012", "us-east-1", Instant.now());
            store.create(bucket);
            store.putNotificationConfiguration(bucket,
                    new NotificationConfiguration(destinations.configurations(), destinations.eventBridge()));
            buckets.add(bucket.name());
        }
        EventLedger ledger = EventLedger.generate(options.events(), buckets, destinations.routes(), options.poisoned(),
                options.seed());
        int invocationsBefore = rig.lambda().invocations().size();
        // What the bus took, as EventBridge answered the calls that reached it. (A rule sending to a queue, as in
        // DestinationDeliveryIT, would be the way to read it back, but moto spends ~120 ms on each event it hands to a
        // target: too slow for thousands.)
        List<String> busEvents = new CopyOnWriteArrayList<>();
        rig.faulty().eventBridgeFaults.onForwarded((request, answer) -> busEvents.addAll(putEvents(request.body(), answer)));
        var queues = ObjectEventQueuePoller.createQueues(rig.sqs(), "object-events-" + run, options.maxReceiveCount(),
                options.visibility());

        // The function as deployed, configured to reach every service through the faults. A cache lifetime of 0
        // makes every event read its bucket, so DynamoDB's faults matter as much as the destinations'.
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", "us-east-1");
        environment.put("BUCKETS_TABLE", rig.table());
        environment.put("DELIVERIES_TABLE", rig.deliveries());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", rig.faulty().dynamoDb.toString());
        environment.put("AWS_ENDPOINT_URL_SNS", rig.faulty().sns.toString());
        environment.put("AWS_ENDPOINT_URL_SQS", rig.faulty().sqsFaults.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EVENTBRIDGE", rig.faulty().eventBridgeFaults.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_LAMBDA", rig.faulty().lambdaFaults.endpoint().toString());
        environment.put("CONFIGURATION_CACHE_TTL_SECONDS", Long.toString(options.cacheTtl().toSeconds()));
        TimedHandler handler = new TimedHandler(new FanOutHandler(Settings.from(environment)));
        FaultProxy deliveryFaults = options.mix() == Mix.TOPICS ? rig.faulty().snsFaults : null;
        if (options.mix() == Mix.TOPICS) {
            rig.faulty().inject(rate, FaultyEndpoints.Kinds.ALL);
        } else { // DynamoDB as in the topics' runs (the delivery log goes that way too), the destinations' own faults
            rig.faulty().inject(rate, FaultyEndpoints.Kinds.ALL);
            rig.faulty().snsFaults.heal();
            rig.faulty().injectIntoDeliveries(rate);
        }
        FaultProxy.Stats dynamoDbBefore = rig.faulty().dynamoDbFaults.stats();
        FaultProxy.Stats deliveriesBefore = deliveryStats(rig.faulty());

        Instant start = Instant.now();
        // moto's SQS answers in time proportional to a queue's depth (a receive from 1,000 messages takes over a
        // second), so the events are fed as the pollers take them and the destination queues are read as they fill,
        // both kept shallow, as a busy production queue is.
        Thread feeder = Thread.ofPlatform().name("fan-out-faults-feeder").start(
                () -> feed(rig.sqs(), queues.url(), ledger.messages()));
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        List<Thread> readers = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        destinations.queueOfDestination().forEach((destination, url) -> readers.add(Thread.ofPlatform()
                .name("fan-out-faults-reader").start(() -> {
                    List<String> bodies = received.computeIfAbsent(destination, d -> new CopyOnWriteArrayList<>());
                    while (reading.get()) {
                        bodies.addAll(receive(rig.sqs(), url));
                    }
                })));
        List<ObjectEventQueuePoller> pollers = new ArrayList<>();
        for (int i = 0; i < options.pollers(); i++) {
            var poller = new ObjectEventQueuePoller(rig.sqs(), queues, handler, "us-east-1", Duration.ofSeconds(1));
            pollers.add(poller);
            poller.start();
        }
        try {
            join(feeder);
            awaitEmpty(rig.sqs(), queues.url(), start.plus(options.deadline()));
        } finally {
            pollers.forEach(ObjectEventQueuePoller::stop);
            reading.set(false);
            readers.forEach(FanOutFaults::join);
            rig.faulty().heal();
        }
        Duration wall = Duration.between(start, Instant.now());

        destinations.queueOfDestination().forEach((destination, url) -> {
            received.getOrDefault(destination, List.of()).forEach(body -> ledger.delivered(destination, body));
            drain(rig.sqs(), url).forEach(body -> ledger.delivered(destination, body));
        });
        List<InvokeApi.Invocation> invocations = rig.lambda().invocations();
        for (InvokeApi.Invocation invocation : invocations.subList(invocationsBefore, invocations.size())) {
            if (invocation.invocationType().equals("Event")) {
                ledger.delivered(invocation.functionArn(), invocation.payload());
            }
        }
        busEvents.forEach(event -> ledger.delivered("bus", event));
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
                FaultyEndpoints.since(deliveryStats(rig.faulty()), deliveriesBefore),
                new ObjectEventQueuePoller.Stats(batches, messages, deleted, failed),
                handler.longest(), wall);
        if (!ledger.lost().isEmpty()) {
            log.println("LOST at rate " + rate + ": " + ledger.lost());
        }
        log.println(line(outcome));
        return outcome;
    }

    /**
     * The entries of a {@code PutEvents} call that EventBridge took (those its answer gives an event id), each as the
     * {@code detail-type} and {@code detail} of the event a rule's target would get.
     */
    private static List<String> putEvents(byte[] request, byte[] answer) {
        try {
            JsonNode entries = JSON.readTree(request).path("Entries");
            JsonNode results = JSON.readTree(answer).path("Entries");
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (results.path(i).hasNonNull("EventId")) {
                    ObjectNode event = JSON.createObjectNode();
                    event.put("detail-type", entries.get(i).path("DetailType").asText());
                    event.set("detail", JSON.readTree(entries.get(i).path("Detail").asText()));
                    taken.add(JSON.writeValueAsString(event));
                }
            }
            return taken;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the proxies on the way to the mix's destinations saw and did, added up. */
    private FaultProxy.Stats deliveryStats(FaultyEndpoints faulty) {
        if (options.mix() == Mix.TOPICS) {
            return faulty.snsFaults.stats();
        }
        return FaultyEndpoints.sum(List.of(faulty.sqsFaults.stats(), faulty.eventBridgeFaults.stats(), faulty.lambdaFaults.stats()));
    }

    /** Sends the messages ten at a time, whenever the queue holds fewer than {@value #FEED_DEPTH} of them. */
    private static void feed(SqsClient sqs, String queueUrl, List<EventLedger.SentMessage> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            while (AwsTestClients.messagesIn(sqs, queueUrl) >= FEED_DEPTH) {
                pause(Duration.ofMillis(50)); // the pollers take ten per receive: wait for the next ones to go
            }
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
        for (int left = AwsTestClients.messagesIn(sqs, queueUrl); left > 0;
                left = AwsTestClients.messagesIn(sqs, queueUrl)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(left + " messages still in " + queueUrl + " at the deadline");
            }
            pause(Duration.ofMillis(200)); // the interval between two looks at the queue
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One receive of up to ten messages (waiting up to a second for them), deleted once read. */
    private static List<String> receive(SqsClient sqs, String queueUrl) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        if (!batch.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(batch.stream().map(m ->
                    DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList()));
        }
        return batch.stream().map(Message::body).toList();
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
        private final FanOutHandler handler;
        private final AtomicLong longestNanos = new AtomicLong();

        TimedHandler(FanOutHandler handler) {
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
        return String.format(Locale.ROOT, "%-5s %6s %6s %6s %9s %8s %6s %10s %5s %8s %5s %11s %14s %15s %9s %7s",
                "rate", "events", "due", "msgs", "delivered", "dupes", "DLQ", "DLQ+deliv", "lost", "poisonDLQ", "bad",
                "batchFails", "ddbFaults/req", "destFaults/req", "longest", "wall");
    }

    static String line(Outcome o) {
        EventLedger.Totals t = o.totals();
        return String.format(Locale.ROOT, "%-5s %6d %6d %6d %9d %8d %6d %10d %5d %8s %5d %11d %14s %15s %8.1fs %6.1fs",
                Math.round(o.rate() * 100) + "%", t.events(), t.expected(), t.messages(), t.deliveredUnique(), t.duplicates(),
                t.deadLettered(), t.deadLetteredAndDelivered(), t.lost(), t.poisonDeadLettered() + "/" + t.poisoned(),
                t.unexpected() + t.corrupted() + t.misrouted(), o.polling().failed(),
                o.dynamoDb().faulted() + "/" + o.dynamoDb().requests(), o.deliveries().faulted() + "/" + o.deliveries().requests(),
                o.longestInvocation().toMillis() / 1000.0, o.wall().toMillis() / 1000.0);
    }

    static void useDummyCredentialsUnlessConfigured() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    /**
     * {@code scripts/reliability faults [--mix topics|destinations] [--events N] [--rates 0,0.1,0.3] [--pollers P]}:
     * prints one line per rate.
     */
    public static void main(String[] args) throws IOException {
        Mix mix = Mix.TOPICS;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--mix")) {
                mix = switch (args[i + 1]) {
                    case "topics" -> Mix.TOPICS;
                    case "destinations" -> Mix.QUEUE_FUNCTION_BUS;
                    default -> throw new IllegalArgumentException("--mix is topics or destinations, not " + args[i + 1]);
                };
            }
        }
        Options defaults = Options.shortForm(mix);
        int events = defaults.events();
        List<Double> rates = List.of(0.0, 0.1, 0.3, 0.6);
        int pollers = defaults.pollers();
        Duration cacheTtl = defaults.cacheTtl(); // the mix's
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
                case "--pollers" -> pollers = Integer.parseInt(args[++i]);
                case "--cache-ttl" -> cacheTtl = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--mix" -> i++;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Options options = new Options(mix, events, rates, defaults.poisoned(), pollers, defaults.maxReceiveCount(),
                defaults.visibility(), defaults.seed(), Duration.ofMinutes(30), cacheTtl);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        JsonLog.redirect(new PrintStream(Files.newOutputStream(FaultyEndpoints.logFile("fan-out-faults-function").toPath()), true,
                StandardCharsets.UTF_8));
        out.println("Fan-out under faults: " + events + " events (+" + options.poisoned() + " poisoned messages) per rate; "
                + pollers + " pollers; maxReceiveCount " + options.maxReceiveCount() + ", visibility "
                + options.visibility().toSeconds() + " s; " + (mix == Mix.TOPICS
                ? "creations and deletions to two topics; faults on the way to DynamoDB and SNS (Toxiproxy + HTTP fault proxy)"
                : "creations to a queue, deletions to a function, every event to EventBridge; faults on the way to DynamoDB"
                        + " (Toxiproxy + HTTP fault proxy) and on SQS SendMessageBatch, Lambda Invoke and EventBridge PutEvents"
                        + " (whole requests, and entries failed inside a 200)"));
        out.println(header());
        List<Outcome> outcomes = new FanOutFaults(options, out).run();
        long lost = outcomes.stream().mapToLong(o -> o.totals().lost()).sum();
        out.println(lost == 0 ? "lost = 0 at every rate" : "LOST " + lost + " EVENTS");
        System.exit(lost == 0 ? 0 : 1);
    }
}
