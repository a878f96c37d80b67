package dev.s3notifications.memory;

import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealth;
import dev.s3notifications.fanout.DestinationHealthLog;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DestinationHealthLog} in a map, for the local stack and tests, with the DynamoDB one's semantics. */
public final class InMemoryDestinationHealthLog implements DestinationHealthLog {
    private record Key(String bucket, Destination destination) {
    }

    private final ConcurrentHashMap<Key, DestinationHealth> records = new ConcurrentHashMap<>();

    @Override
    public void record(List<Change> changes) {
        for (Change change : changes) {
            records.compute(new Key(change.bucket(), change.destination()), (key, old) -> {
                DestinationHealth before = old != null ? old
                        : new DestinationHealth(change.bucket(), change.destination(), null, null, null, 0, 0, null);
                return new DestinationHealth(change.bucket(), change.destination(),
                        change.lastSuccess() != null ? change.lastSuccess() : before.lastSuccess(),
                        change.lastFailure() != null ? change.lastFailure() : before.lastFailure(),
                        change.lastCause() != null ? change.lastCause() : before.lastCause(),
                        before.delivered() + change.delivered(), before.failed() + change.failed(),
                        change.failingSince() == null ? null
                                : before.failingSince() != null ? before.failingSince() : change.failingSince());
            });
        }
    }

    @Override
    public Map<Destination, DestinationHealth> read(String bucket, Collection<Destination> destinations) {
        Map<Destination, DestinationHealth> found = new HashMap<>();
        for (Destination destination : destinations) {
            DestinationHealth health = records.get(new Key(bucket, destination));
            if (health != null) {
                found.put(destination, health);
            }
        }
        return found;
    }

    @Override
    public void forget(String bucket, Collection<Destination> destinations) {
        destinations.forEach(destination -> records.remove(new Key(bucket, destination)));
    }
}
