package dev.s3notifications.testing;

import dev.s3notifications.domain.AccessKey;
import dev.s3notifications.domain.AccessKeyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AccessKeyStore} in a map, counting its lookups. */
public final class InMemoryAccessKeyStore implements AccessKeyStore {
    private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();
    public final AtomicInteger lookups = new AtomicInteger();

    public InMemoryAccessKeyStore add(AccessKey key) {
        keys.put(key.accessKeyId(), key);
        return this;
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        lookups.incrementAndGet();
        return Optional.ofNullable(keys.get(accessKeyId));
    }
}
