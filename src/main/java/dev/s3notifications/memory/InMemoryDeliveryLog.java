package dev.s3notifications.memory;

import dev.s3notifications.fanout.DeliveryLog;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DeliveryLog} in a map, for the local stack and tests: what the DynamoDB one holds, without its expiry
 * (a local run is short).
 */
public final class InMemoryDeliveryLog implements DeliveryLog {
    private final ConcurrentHashMap<String, Set<String>> deliveries = new ConcurrentHashMap<>();

    @Override
    public Map<String, Set<String>> delivered(Collection<String> messageIds) {
        Map<String, Set<String>> found = new HashMap<>();
        for (String id : messageIds) {
            Set<String> recorded = deliveries.get(id);
            if (recorded != null) {
                synchronized (recorded) {
                    found.put(id, Set.copyOf(recorded));
                }
            }
        }
        return found;
    }

    @Override
    public void record(Map<String, Set<String>> deliveredByMessage) {
        deliveredByMessage.forEach((id, made) -> {
            Set<String> recorded = deliveries.computeIfAbsent(id, any -> new HashSet<>());
            synchronized (recorded) {
                recorded.addAll(made);
            }
        });
    }
}
