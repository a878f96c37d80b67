package dev.s3notifications.reliability;

import dev.s3notifications.api.S3Api;
import dev.s3notifications.api.S3Response;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.S3Requests;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import dev.s3notifications.xml.NotificationConfigurationXml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * PUT and GET {@code ?notification} under faults on the way to DynamoDB and SNS: the API as deployed
 * ({@link Wiring#api}, its endpoints pointed at {@link FaultyEndpoints}) answers a series of PUTs, each of a
 * different valid configuration whose destinations SNS must validate (a test event per topic), each followed by a
 * GET. After every PUT the stored state is read directly (no faults) and classified:
 * <ul>
 * <li>200: the new configuration is stored, whole;
 * <li>an error, previous configuration in place: the PUT changed nothing (what S3 promises);
 * <li>an error, new configuration stored: the conditional write was done and its answer lost (a fault after the
 *     service did the work). Only possible when such faults are injected; the client sees an error for a
 *     request whose outcome is unknown, as with any 5xx, and a retry converges.
 * <li>anything else (a mix, another document, a lost configuration): corrupted, must be 0.
 * </ul>
 * Errors must be {@code 503 ServiceUnavailable}: never a 500 (a fault taken for a bug) nor a 4xx (a fault
 * blamed on the request). A GET answers the stored document byte for byte, or 503.
 */
public final class PutFaults {
    static final String ACCOUNT = "123456789012";

    /** One run's outcome. */
    public record Outcome(double rate, FaultyEndpoints.Kinds kinds, int puts, Map<String, Integer> putStatuses,
            int keptPrevious, int committedAnswerLost, int corrupted, int gets, Map<String, Integer> getStatuses,
            int wrongGets, FaultProxy.Stats dynamoDb, FaultProxy.Stats sns, Duration longestPut, Duration wall) {
        int unexpectedStatuses() {
            int unexpected = 0;
            for (var entry : putStatuses.entrySet()) {
                if (!entry.getKey().equals("200") && !entry.getKey().equals("503 ServiceUnavailable")) {
                    unexpected += entry.getValue();
                }
            }
            for (var entry : getStatuses.entrySet()) {
                if (!entry.getKey().equals("200") && !entry.getKey().equals("503 ServiceUnavailable")) {
                    unexpected += entry.getValue();
                }
            }
            return unexpected;
        }
    }

    private final int puts;
    private final long seed;
    private final PrintStream log;

    public PutFaults(int puts, long seed, PrintStream log) {
        this.puts = puts;
        this.seed = seed;
        this.log = log;
    }

    /** One run: a fault rate and the kinds of fault. */
    public record Scenario(double rate, FaultyEndpoints.Kinds kinds) {
    }

    /**
     * What CI runs: high rates of every kind, at which PUTs often fail rather than get retried into success; and
     * every conditional write faulted, so that every PUT fails part-way, after its test events (how many PUTs fail
     * at the other rates is chance: the SDK's retries absorb most faults).
     */
    static List<Scenario> shortForm() {
        return List.of(new Scenario(0.5, FaultyEndpoints.Kinds.BEFORE_THE_SERVICE), new Scenario(0.6, FaultyEndpoints.Kinds.ALL),
                new Scenario(1.0, FaultyEndpoints.Kinds.WRITE_ONLY));
    }

    /**
     * Runs the scenarios at the same time, each with its own faulty endpoints, bucket and API (most of a faulty run
     * is spent in retry back-offs, so they overlap well); returns their outcomes in order.
     */
    public List<Outcome> run(List<Scenario> scenarios) {
        FanOutFaults.useDummyCredentialsUnlessConfigured();
        try (DynamoDbClient dynamoDb = AwsTestClients.dynamoDb(MotoServer.shared().endpoint());
             SnsClient sns = AwsTestClients.sns(MotoServer.shared().endpoint());
             ExecutorService executor = Executors.newFixedThreadPool(scenarios.size())) {
            String table = "put-faults-" + UUID.randomUUID();
            DynamoDbTables.createBuckets(dynamoDb, table);
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                topics.add(sns.createTopic(b -> b.name("put-faults-" + UUID.randomUUID())).topicArn());
            }
            var store = new DynamoDbBucketStore(dynamoDb, table);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario scenario = scenarios.get(i);
                long scenarioSeed = seed + 10L * i;
                futures.add(executor.submit(() -> {
                    try (FaultyEndpoints faulty = new FaultyEndpoints(scenarioSeed)) {
                        // The function as deployed; its unsigned requests act for ACCOUNT (signatures are not what
                        // this is about).
                        S3Api api = Wiring.api(Settings.from(Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table,
                                "AWS_ENDPOINT_URL_DYNAMODB", faulty.dynamoDb.toString(),
                                "AWS_ENDPOINT_URL_SNS", faulty.sns.toString(), "UNSIGNED_REQUESTS_ACCOUNT_ID", ACCOUNT)));
                        Bucket bucket = new Bucket("put-faults-" + UUID.randomUUID().toString().substring(0, 8), ACCOUNT,
                                "us-east-1", Instant.now());
                        store.create(bucket);
                        return runAt(scenario.rate(), scenario.kinds(), api, store, bucket, topics, faulty);
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scenario failed", e.getCause());
        }
    }

    private Outcome runAt(double rate, FaultyEndpoints.Kinds kinds, S3Api api, DynamoDbBucketStore store, Bucket bucket,
            List<String> topics, FaultyEndpoints faulty) {
        var validator = new NotificationConfigurationValidator();
        Map<String, Integer> putStatuses = new TreeMap<>();
        Map<String, Integer> getStatuses = new TreeMap<>();
        int keptPrevious = 0;
        int committed = 0;
        int corrupted = 0;
        int wrongGets = 0;
        long longestPutNanos = 0;
        long start = System.nanoTime();
        faulty.inject(rate, kinds);
        FaultProxy.Stats dynamoDbBefore = faulty.dynamoDbFaults.stats();
        FaultProxy.Stats snsBefore = faulty.snsFaults.stats();
        try {
            for (int i = 0; i < puts; i++) {
                String document = document(i, topics);
                NotificationConfiguration expected = validator.validate(
                        NotificationConfigurationXml.read(document.getBytes(StandardCharsets.UTF_8)), "us-east-1");
                BucketState before = store.find(bucket.name()).orElseThrow();

                long putStart = System.nanoTime();
                S3Response put = api.handle(S3Requests.putNotification(bucket.name(), document).build());
                longestPutNanos = Math.max(longestPutNanos, System.nanoTime() - putStart);

                putStatuses.merge(status(put), 1, Integer::sum);
                if (put.status() != 200 && put.status() != 503) {
                    synchronized (log) {
                        log.println("UNEXPECTED answer to PUT " + i + ": " + put.status() + " " + put.body());
                    }
                }
                BucketState after = store.find(bucket.name()).orElseThrow();
                boolean isNew = after.notificationConfiguration().equals(expected)
                        && after.configurationVersion() > before.configurationVersion();
                boolean isPrevious = after.notificationConfiguration().equals(before.notificationConfiguration())
                        && after.configurationVersion() == before.configurationVersion();
                if (put.status() == 200) {
                    corrupted += isNew ? 0 : 1;
                } else if (isPrevious) {
                    keptPrevious++;
                } else if (isNew) {
                    committed++;
                } else {
                    corrupted++;
                    synchronized (log) {
                        log.println("CORRUPTED after PUT " + i + ": " + after);
                    }
                }

                S3Response get = api.handle(S3Requests.getNotification(bucket.name()).build());
                getStatuses.merge(status(get), 1, Integer::sum);
                String stored = NotificationConfigurationXml.write(store.find(bucket.name()).orElseThrow().notificationConfiguration());
                if (get.status() == 200 && !get.body().equals(stored)) {
                    wrongGets++;
                }
            }
        } finally {
            faulty.heal();
        }
        int gets = getStatuses.values().stream().mapToInt(Integer::intValue).sum();
        Outcome outcome = new Outcome(rate, kinds, puts, putStatuses, keptPrevious, committed, corrupted, gets, getStatuses,
                wrongGets, FaultyEndpoints.since(faulty.dynamoDbFaults.stats(), dynamoDbBefore),
                FaultyEndpoints.since(faulty.snsFaults.stats(), snsBefore), Duration.ofNanos(longestPutNanos),
                Duration.ofNanos(System.nanoTime() - start));
        synchronized (log) {
            log.println(line(outcome));
        }
        return outcome;
    }

    private static String status(S3Response response) {
        if (response.status() == 200) {
            return "200";
        }
        var matcher = java.util.regex.Pattern.compile("<Code>([^<]*)</Code>").matcher(response.body());
        return response.status() + (matcher.find() ? " " + matcher.group(1) : "");
    }

    /** The i-th configuration: 1-3 topic configurations with Ids and prefixes naming it, so no two are alike. */
    static String document(int i, List<String> topics) {
        StringBuilder xml = new StringBuilder("<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        String[] events = {"s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectTagging:*"};
        for (int k = 0; k <= i % 3; k++) {
            xml.append("<TopicConfiguration><Id>put-").append(i).append('-').append(k).append("</Id><Topic>")
                    .append(topics.get((i + k) % topics.size())).append("</Topic><Event>").append(events[k])
                    .append("</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>p").append(i).append('/')
                    .append("</Value></FilterRule></S3Key></Filter></TopicConfiguration>");
        }
        return xml.append("</NotificationConfiguration>").toString();
    }

    static String header() {
        return String.format(Locale.ROOT, "%-5s %-18s %5s %5s %5s %9s %12s %9s %5s %8s %6s %14s %14s %8s %7s",
                "rate", "faults", "PUTs", "200", "503", "kept-prev", "commit-lost", "corrupted", "GETs", "GET-503",
                "other", "ddbFaults/req", "snsFaults/req", "slowest", "wall");
    }

    static String line(Outcome o) {
        return String.format(Locale.ROOT, "%-5s %-18s %5d %5d %5d %9d %12d %9d %5d %8d %6d %14s %14s %7.1fs %6.1fs",
                Math.round(o.rate() * 100) + "%", o.kinds().name().toLowerCase(Locale.ROOT).replace('_', '-'), o.puts(),
                o.putStatuses().getOrDefault("200", 0), o.putStatuses().getOrDefault("503 ServiceUnavailable", 0),
                o.keptPrevious(), o.committedAnswerLost(), o.corrupted() + o.wrongGets(), o.gets(),
                o.getStatuses().getOrDefault("503 ServiceUnavailable", 0), o.unexpectedStatuses(),
                o.dynamoDb().faulted() + "/" + o.dynamoDb().requests(), o.sns().faulted() + "/" + o.sns().requests(),
                o.longestPut().toMillis() / 1000.0, o.wall().toMillis() / 1000.0);
    }

    /** {@code scripts/reliability put-faults [--puts N] [--rates 0.1,0.3,0.6]}: every rate with each kind of fault. */
    public static void main(String[] args) throws IOException {
        int puts = 200;
        List<Double> rates = List.of(0.1, 0.3, 0.6);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--puts" -> puts = Integer.parseInt(args[++i]);
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (FaultyEndpoints.Kinds kinds : FaultyEndpoints.Kinds.values()) {
            for (double rate : rates) {
                scenarios.add(new Scenario(kinds == FaultyEndpoints.Kinds.WRITE_ONLY ? Math.min(1, rate + 0.3) : rate, kinds));
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        JsonLog.redirect(new PrintStream(Files.newOutputStream(FaultyEndpoints.logFile("put-faults-function").toPath()), true,
                StandardCharsets.UTF_8));
        out.println("PUT/GET ?notification under faults: " + puts + " PUTs (each followed by a GET) per rate and kind");
        out.println(header());
        List<Outcome> outcomes = new PutFaults(puts, 42, out).run(scenarios);
        boolean ok = outcomes.stream().allMatch(o -> o.corrupted() == 0 && o.wrongGets() == 0 && o.unexpectedStatuses() == 0
                && (o.kinds() != FaultyEndpoints.Kinds.BEFORE_THE_SERVICE || o.committedAnswerLost() == 0));
        out.println(ok ? "no corrupted state, no wrong answer" : "FAILED");
        System.exit(ok ? 0 : 1);
    }
}
