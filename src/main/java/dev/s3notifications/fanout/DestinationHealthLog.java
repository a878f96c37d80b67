package dev.s3notifications.fanout;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where destinations' health is kept, apart from the buckets' configurations so that writing it never races a
 * configuration's conditional write.
 */
public interface DestinationHealthLog {

    /** Keeps nothing, shows nothing. */
    DestinationHealthLog NONE = new DestinationHealthLog() {
        @Override
        public void record(List<Change> changes) {
        }

        @Override
        public Map<Destination, DestinationHealth> read(String bucket, Collection<Destination> destinations) {
            return Map.of();
        }

        @Override
        public void forget(String bucket, Collection<Destination> destinations) {
        }
    };

    /**
     * What to add to one destination's record: counts since the last change written, the latest success and failure
     * among them, and whether the destination ends failing.
     *
     * @param failingSince when the failures it ends with began; null when it ends with a success
     */
    record Change(String bucket, Destination destination, long delivered, long failed, Instant lastSuccess,
            Instant lastFailure, Undelivered.Cause lastCause, Instant failingSince) {
    }

    /**
     * Adds the changes, one write per destination.
     *
     * @throws dev.s3notifications.store.DependencyUnavailableException when it cannot be written
     */
    void record(List<Change> changes);

    /**
     * The records of these destinations of {@code bucket}; a destination without one is left out.
     *
     * @throws dev.s3notifications.store.DependencyUnavailableException when it cannot be read
     */
    Map<Destination, DestinationHealth> read(String bucket, Collection<Destination> destinations);

    /** Drops the records of destinations a bucket no longer has. */
    void forget(String bucket, Collection<Destination> destinations);
}
