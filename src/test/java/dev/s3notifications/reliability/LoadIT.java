package dev.s3notifications.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code scripts/reliability load}: 1, 2 and 4 concurrent clients, 3 s each, against a local
 * stack in this JVM. Far below saturation, so not one request may fail. Latencies are reported, not asserted.
 */
class LoadIT {
    @Test
    void noErrorsBelowSaturation() throws Exception {
        try (AnnouncedStack local = new AnnouncedStack(); SignedS3Http http = local.client()) {
            LoadRun run = new LoadRun(http, LoadRun.createBuckets(http, 16), 0.2);
            System.out.println(LoadRun.header());
            for (int concurrency : List.of(1, 2, 4)) {
                LoadRun.Step step = run.step(concurrency, Duration.ofSeconds(1), Duration.ofSeconds(3));
                System.out.println(LoadRun.line(step));
                assertThat(step.requests()).as("requests at concurrency %d", concurrency).isPositive();
                assertThat(step.errors()).as("errors at concurrency %d, the first: %s", concurrency, step.firstError()).isZero();
            }
        }
    }
}
