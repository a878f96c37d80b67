package dev.s3notifications.testing;

import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealth;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.memory.InMemoryDestinationHealthLog;
import dev.s3notifications.store.DependencyUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A health log that keeps, in order, the changes written through it to the log it wraps (in memory unless given),
 * and can be made unavailable, as a throttled table is.
 */
public final class CountingDestinationHealthLog implements DestinationHealthLog {
    private final DestinationHealthLog records;
    /** The changes the wrapped log took, in order. */
    public final List<Change> written = new ArrayList<>();
    /** While true, every write fails as DynamoDB's do when throttled, and nothing is written. */
    public boolean unavailable;

    public CountingDestinationHealthLog() {
        this(new InMemoryDestinationHealthLog());
    }

    public CountingDestinationHealthLog(DestinationHealthLog records) {
        this.records = records;
    }

    @Override
    public void record(List<Change> changes) {
        if (unavailable) {
            throw new DependencyUnavailableException("DynamoDB: throttled", null);
        }
        records.record(changes); // counted only once the wrapped log took them
        written.addAll(changes);
    }

    @Override
    public Map<Destination, DestinationHealth> read(String bucket, Collection<Destination> destinations) {
        return records.read(bucket, destinations);
    }

    @Override
    public void forget(String bucket, Collection<Destination> destinations) {
        records.forget(bucket, destinations);
    }
}
