package dev.s3notifications.benchmark;

import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.message.S3EventMessage;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.store.Bucket;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering one S3 event record to the JSON message S3 publishes (docs/benchmarks.md, target 3): the example event of
 * docs/event-messages.md,
 * a PUT of {@code photos 2026/red flower+@=é.jpg}. Also encoding its key, which the fan-out does once per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RenderingBenchmark {
    private ObjectEvent event;
    private String encodedKey;
    private BucketIdentity bucket;

    @Setup
    public void setUp() {
        event = new ObjectEvent(EventType.OBJECT_CREATED_PUT, "photos", "photos 2026/red flower+@=é.jpg", 2048L,
                "9b2cf535f27731c974343645a3985328", null, "0062E99A88DC407460", Instant.parse("2026-11-22T10:15:30.123Z"),
                "AWS:AIDAJDPLRKLG7UEXAMPLE", "203.0.113.7", "C3D13FE58DE4C810",
                "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD", null, ObjectEvent.Context.NONE);
        encodedKey = ObjectKeys.encode(event.key());
        bucket = BucketIdentity.of(new Bucket("photos", "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Benchmark
    public String render() {
        return S3EventMessage.render(event, encodedKey, bucket, "images-created");
    }

    @Benchmark
    public String encodeKey() {
        return ObjectKeys.encode(event.key());
    }
}
