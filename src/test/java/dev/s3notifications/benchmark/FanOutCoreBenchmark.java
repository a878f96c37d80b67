package dev.s3notifications.benchmark;

import dev.s3notifications.fanout.BucketNotificationsCache;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.FanOut.QueuedMessage;
import dev.s3notifications.fanout.FanOut;
import dev.s3notifications.fanout.Undelivered;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fan-out's own work per delivered event, without the SDK (docs/benchmarks.md, target 5, split): reading the queue message,
 * the cached bucket lookup, matching and rendering, for a batch of 100 messages as FanOutBenchmark sends them (10
 * buckets x 10 configurations, each event matching one), published to a publisher that only keeps the messages.
 * The rest of the CPU FanOutBenchmark measures is the SDK sending PublishBatch requests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanOutCoreBenchmark {
    static final int BATCH = 100;

    private FanOut fanOut;
    private FanOut withMetrics;
    private final List<QueuedMessage> messages = new ArrayList<>();

    @Setup
    public void setUp() {
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream())); // one line per batch, at full cost
        InMemoryBucketStore store = new InMemoryBucketStore();
        NotificationConfigurationValidator validator = new NotificationConfigurationValidator();
        for (int b = 0; b < 10; b++) {
            Bucket bucket = new Bucket("bench-bucket-" + b, "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
            store.create(bucket);
            List<DestinationConfiguration> destinations = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                destinations.add(new DestinationConfiguration(DestinationType.TOPIC, "bucket-" + b + "-config-" + c,
                        "arn:aws:sns:us-east-1:123456789012:bench-topic-" + ((b * 10 + c) % 5), List.of("s3:ObjectCreated:*"),
                        List.of(new FilterRule(FilterRule.PREFIX, "dir-" + c + "/"), new FilterRule(FilterRule.SUFFIX, ".bin")), null));
            }
            store.putNotificationConfiguration(bucket, validator.validate(new NotificationConfiguration(destinations, false), "us-east-1"));
        }
        fanOut = FanOuts.of(new BucketNotificationsCache(store, Duration.ofDays(1), System::nanoTime),
                notifications -> List.<Undelivered>of(), DeliveryLog.NONE);
        withMetrics = new FanOut(new ObjectEventJson(), new BucketNotificationsCache(store, Duration.ofDays(1), System::nanoTime),
                notifications -> List.<Undelivered>of(), DeliveryLog.NONE, FanOuts.DEFAULT_BUS,
                Wiring.metrics(Settings.from(Map.of())));
        for (int n = 0; n < BATCH; n++) {
            messages.add(new QueuedMessage("message-" + n, """
                    {"eventName":"s3:ObjectCreated:Put","bucket":"bench-bucket-%d","key":"dir-%d/object %d.bin","size":%d,
                     "eTag":"9b2cf535f27731c974343645a3985328","sequencer":"0062E99A88DC4074%02X",
                     "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDAJDPLRKLG7UEXAMPLE",
                     "sourceIpAddress":"203.0.113.7","requestId":"C3D13FE58DE4C810","hostId":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"}"""
                    .formatted(n % 10, n / 10 % 10, n, 1000 + n, n % 256)));
        }
    }

    /** Per event: the batch's time divided by its 100 events. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Set<String> deliverBatch() {
        return fanOut.deliver(messages);
    }

    /**
     * The same with the function's CloudWatch metrics (an Embedded Metric Format line per batch, written to a null
     * stream): the difference from {@link #deliverBatch} is what the metrics cost per event.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Set<String> deliverBatchWithMetrics() {
        return withMetrics.deliver(messages);
    }

    @Benchmark
    public Object readOneMessage() {
        return new ObjectEventJson().read(messages.get(0).body());
    }
}
