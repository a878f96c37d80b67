package dev.s3notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.fanout.Delivery.EventMessage;
import dev.s3notifications.fanout.Delivery.Origin;
import dev.s3notifications.testing.CountingDestinationHealthLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
    private static final Destination QUEUE = new Destination(Destination.Kind.QUEUE, "arn:aws:sqs:us-east-1:123456789012:q");
    private static final Destination TOPIC = new Destination(Destination.Kind.TOPIC, "arn:aws:sns:us-east-1:123456789012:t");
    private static final Undelivered.Cause GONE =
            new Undelivered.Cause("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final CountingDestinationHealthLog log = new CountingDestinationHealthLog();
    private final HealthTracker tracker = new HealthTracker(log, clock);

    private static Delivery to(Destination destination, int n) {
        return new EventMessage(destination, "{}", null, new Origin("m" + n, 0, "c", "photos", T0));
    }

    private void batch(List<Delivery> delivered, List<Delivery> failed) {
        List<Delivery> all = new ArrayList<>(delivered);
        all.addAll(failed);
        tracker.batchDelivered(new DeliveryListener.Report(all,
                Undelivered.byNotification(failed.stream().map(n -> new Undelivered(n, GONE)).toList()), Map.of(), Set.of()));
    }

    private DestinationHealth health(Destination destination) {
        return log.read("photos", List.of(destination)).get(destination);
    }

    @Test
    void aDestinationSeenForTheFirstTimeIsWrittenAtOnceThenOnceAMinuteWhileNothingChanges() {
        batch(List.of(to(QUEUE, 1), to(QUEUE, 2)), List.of());
        assertThat(log.written.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        batch(List.of(to(QUEUE, 3)), List.of());
        assertThat(log.written.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        batch(List.of(to(QUEUE, 4)), List.of());
        assertThat(log.written.size()).isEqualTo(2);
        assertThat(health(QUEUE)).satisfies(h -> {
            assertThat(h.delivered()).isEqualTo(4);
            assertThat(h.failed()).isZero();
            assertThat(h.lastSuccess()).isEqualTo(T0.plusSeconds(61));
            assertThat(h.failingSince()).isNull();
        });
    }

    @Test
    void aDestinationThatStartsOrStopsFailingIsWrittenAtOnceWithItsCause() {
        batch(List.of(to(QUEUE, 1), to(TOPIC, 2)), List.of());
        clock.advance(Duration.ofSeconds(5));
        batch(List.of(to(TOPIC, 3)), List.of(to(QUEUE, 4)));
        assertThat(health(QUEUE)).satisfies(h -> {
            assertThat(h.failed()).isEqualTo(1);
            assertThat(h.lastCause()).isEqualTo(GONE);
            assertThat(h.failingSince()).isEqualTo(T0.plusSeconds(5));
            assertThat(h.isFailingLongerThan(Duration.ofMinutes(1), T0.plusSeconds(5))).isFalse();
            assertThat(h.isFailingLongerThan(Duration.ofMinutes(1), T0.plusSeconds(65))).isTrue();
        });
        assertThat(health(TOPIC).delivered()).as("the topic, unchanged and not due, waits").isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        batch(List.of(), List.of(to(QUEUE, 5)));
        assertThat(health(QUEUE).failingSince()).as("still failing since the first failure").isEqualTo(T0.plusSeconds(5));
        assertThat(health(QUEUE).failed()).as("not written: no change, not due").isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        batch(List.of(to(QUEUE, 6)), List.of());
        assertThat(health(QUEUE)).satisfies(h -> {
            assertThat(h.failingSince()).isNull();
            assertThat(h.failed()).isEqualTo(2);
            assertThat(h.lastSuccess()).isEqualTo(T0.plusSeconds(15));
            assertThat(h.lastFailure()).isEqualTo(T0.plusSeconds(10));
        });
    }

    @Test
    void whatCouldNotBeWrittenIsKeptForTheNextBatch() {
        log.unavailable = true;
        batch(List.of(to(QUEUE, 1)), List.of());
        log.unavailable = false;
        batch(List.of(to(QUEUE, 2)), List.of());
        assertThat(health(QUEUE).delivered()).isEqualTo(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
