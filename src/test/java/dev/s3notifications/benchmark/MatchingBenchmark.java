package dev.s3notifications.benchmark;

import dev.s3notifications.fanout.NotificationIndex;
import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Matching one event against a bucket's configurations (docs/benchmarks.md, target 3): the index the fan-out uses, and a scan
 * of every rule for comparison. The configurations are valid (the validator accepts them, with the limit raised for
 * 10,000), hence non-overlapping: each has its own prefix, a common suffix and s3:ObjectCreated:*, so every event
 * matches exactly one. Keys cycle over all configurations, so the walk is not always the same.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MatchingBenchmark {
    @Param({"100", "10000"})
    public int configurations;

    private NotificationIndex index;
    private List<DestinationConfiguration> destinations;
    private String[] keys;
    private int next;

    @Setup
    public void setUp() {
        List<DestinationConfiguration> sent = new ArrayList<>();
        for (int i = 0; i < configurations; i++) {
            sent.add(new DestinationConfiguration(DestinationType.TOPIC, "configuration-" + i,
                    "arn:aws:sns:us-east-1:123456789012:topic-" + (i % 10), List.of("s3:ObjectCreated:*"),
                    List.of(new FilterRule(FilterRule.PREFIX, prefix(i)), new FilterRule(FilterRule.SUFFIX, ".jpg")), null));
        }
        var limits = new NotificationConfigurationValidator.Limits(configurations,
                NotificationConfigurationValidator.Limits.S3.maxFilterValueLength(),
                NotificationConfigurationValidator.Limits.S3.maxIdLength());
        destinations = new NotificationConfigurationValidator(limits, NotificationConfigurationValidator::generateId)
                .validate(new NotificationConfiguration(sent, false), "us-east-1").destinations();
        index = NotificationIndex.of(destinations);
        keys = new String[Math.min(configurations, 1024)];
        for (int k = 0; k < keys.length; k++) {
            int i = (int) ((long) k * configurations / keys.length);
            keys[k] = ObjectKeys.encode(prefix(i) + "2026/11/22/photo " + k + ".jpg");
        }
        if (match().size() != 1 || scan().size() != 1) {
            throw new IllegalStateException("every key must match exactly one configuration");
        }
    }

    /** Distinct prefixes that share their beginnings, like real key layouts: tenant-0042/images/. */
    private static String prefix(int i) {
        return "tenant-" + String.format("%05d", i) + "/images/";
    }

    private String key() {
        String key = keys[next];
        next = next + 1 == keys.length ? 0 : next + 1;
        return key;
    }

    @Benchmark
    public List<DestinationConfiguration> match() {
        return index.match(EventType.OBJECT_CREATED_PUT, key());
    }

    /** Every rule checked in turn: what the index saves. */
    @Benchmark
    public List<DestinationConfiguration> scan() {
        String key = key();
        long bit = EventType.OBJECT_CREATED_PUT.bit();
        List<DestinationConfiguration> matches = new ArrayList<>(1);
        for (DestinationConfiguration d : destinations) {
            if ((d.eventMask() & bit) != 0 && key.startsWith(d.prefix()) && key.endsWith(d.suffix())) {
                matches.add(d);
            }
        }
        return matches;
    }
}
