package dev.s3notifications.memory;

import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Access keys in this process's memory, with the semantics of the DynamoDB table: a key is created only if its id
 * is free, enabled, disabled or deleted only if it exists, and every lookup sees the latest write. For the local
 * stack and tests; nothing outlives the process.
 */
public final class InMemoryAccessKeyStore implements AccessKeyRegistry {
    private final ConcurrentMap<String, AccessKey> keys = new ConcurrentHashMap<>();

    /** A store holding {@code keys}; refuses two keys with the same id. */
    public static InMemoryAccessKeyStore holding(AccessKey... keys) {
        InMemoryAccessKeyStore store = new InMemoryAccessKeyStore();
        for (AccessKey key : keys) {
            if (!store.create(key, Instant.EPOCH)) {
                throw new IllegalArgumentException("the access key id " + key.accessKeyId() + " is given twice");
            }
        }
        return store;
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /** Stores a new key; false when a key with that id already exists. The creation time is not kept. */
    @Override
    public boolean create(AccessKey key, Instant createdAt) {
        return keys.putIfAbsent(key.accessKeyId(), key) == null;
    }

    @Override
    public boolean setEnabled(String accessKeyId, boolean enabled) {
        return keys.computeIfPresent(accessKeyId, (id, key) -> new AccessKey(key.accessKeyId(), key.secretAccessKey(),
                key.accountId(), key.principalArn(), enabled)) != null;
    }

    @Override
    public boolean delete(String accessKeyId) {
        return keys.remove(accessKeyId) != null;
    }

    @Override
    public List<AccessKey> list() {
        return keys.values().stream()
                .sorted(Comparator.comparing(AccessKey::accountId).thenComparing(AccessKey::accessKeyId)).toList();
    }
}
