package dev.s3notifications.fanout;

import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.store.DependencyUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each destination's health from what the batches deliver, at little cost: outcomes add up in the
 * container, and a destination's record is written (once per batch at most) only when it starts or stops failing,
 * when the container first sees it, or when what it holds is older than {@link #WRITE_EVERY}. A destination that
 * works costs one write a minute per container, however many events it gets; one that breaks is shown at once.
 * What a container held and had not written when it ended is lost: counts are a floor, not a tally.
 */
public final class HealthTracker implements DeliveryListener {
    /** How long outcomes may wait in a container before they are written, when nothing changes. */
    public static final Duration WRITE_EVERY = Duration.ofMinutes(1);
    /** Past this many destinations held, those with nothing to write are forgotten, so memory stays bounded. */
    static final int FORGET_ABOVE = 10_000;

    private final DestinationHealthLog log;
    private final Clock clock;
    private final Map<Key, Pending> pending = new HashMap<>();

    private record Key(String bucket, Destination destination) {
    }

    /** What a destination has done since its record was last written here. */
    private static final class Pending {
        long delivered;
        long failed;
        Instant lastSuccess;
        Instant lastFailure;
        Undelivered.Cause lastCause;
        Instant failingSince;
        /** As last written: null before the first write. */
        Boolean writtenFailing;
        Instant writtenAt;

        boolean failing() {
            return failingSince != null;
        }

        boolean hasNews() {
            return delivered > 0 || failed > 0;
        }
    }

    public HealthTracker(DestinationHealthLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public synchronized void batchDelivered(Report report) {
        if (report.notifications().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<Key, Pending> touched = new LinkedHashMap<>();
        for (Delivery notification : report.notifications()) {
            Key key = new Key(notification.origin().bucket(), notification.destination());
            Pending state = pending.computeIfAbsent(key, any -> new Pending());
            touched.put(key, state);
            Undelivered failure = report.undelivered().get(notification);
            if (failure == null) {
                state.delivered++;
                state.lastSuccess = now;
                state.failingSince = null;
            } else {
                state.failed++;
                state.lastFailure = now;
                state.lastCause = failure.cause();
                if (state.failingSince == null) {
                    state.failingSince = now;
                }
            }
        }
        List<DestinationHealthLog.Change> changes = new ArrayList<>();
        List<Pending> written = new ArrayList<>();
        touched.forEach((key, state) -> {
            boolean changed = state.writtenFailing == null || state.writtenFailing != state.failing();
            boolean due = state.writtenAt == null || !state.writtenAt.plus(WRITE_EVERY).isAfter(now);
            if (state.hasNews() && (changed || due)) {
                changes.add(new DestinationHealthLog.Change(key.bucket(), key.destination(), state.delivered, state.failed,
                        state.lastSuccess, state.lastFailure, state.lastCause, state.failingSince));
                written.add(state);
            }
        });
        if (!changes.isEmpty()) {
            try {
                log.record(changes);
                for (Pending state : written) {
                    state.delivered = 0;
                    state.failed = 0;
                    state.lastSuccess = null;
                    state.lastFailure = null;
                    state.lastCause = null;
                    state.writtenFailing = state.failing();
                    state.writtenAt = now;
                }
            } catch (DependencyUnavailableException e) { // kept, and written with the next batch
                JsonLog.warn("could not write the destinations' health; it is kept for the next batch",
                        "destinations", Integer.toString(changes.size()), "reason", e.getMessage());
            }
        }
        if (pending.size() > FORGET_ABOVE) {
            pending.values().removeIf(state -> !state.hasNews());
        }
    }
}
