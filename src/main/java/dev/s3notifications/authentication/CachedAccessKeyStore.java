package dev.s3notifications.authentication;

import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Remembers what the key store answered, found or not, for a short while in the warm container, so that a client's
 * requests cost one key lookup per lifetime rather than one each. The price: a key disabled (or rotated out) keeps
 * working for up to one lifetime in containers that have just used it. At most {@code maxEntries} keys are kept, the
 * least recently used going first, so requests naming random key ids cannot grow it without bound.
 */
public final class CachedAccessKeyStore implements AccessKeyStore {
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(30);
    private static final int DEFAULT_MAX_ENTRIES = 1_000;

    private record Lookup(Optional<AccessKey> key, long readAtNanos) {
    }

    private final AccessKeyStore store;
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Lookup> entries;

    public CachedAccessKeyStore(AccessKeyStore store, Duration lifetime) {
        this(store, lifetime, System::nanoTime, DEFAULT_MAX_ENTRIES);
    }

    CachedAccessKeyStore(AccessKeyStore store, Duration lifetime, LongSupplier nanoClock, int maxEntries) {
        this.store = store;
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Lookup> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        long now = nanoClock.getAsLong();
        synchronized (entries) {
            Lookup entry = entries.get(accessKeyId);
            long age = entry == null ? -1 : now - entry.readAtNanos();
            // A negative age means the clock is not the one the entry was read with (a SnapStart restore): stale.
            if (age >= 0 && age < lifetimeNanos) {
                return entry.key();
            }
        }
        Optional<AccessKey> key = store.find(accessKeyId); // outside the lock: a slow read holds up no one else
        synchronized (entries) {
            entries.put(accessKeyId, new Lookup(key, now));
        }
        return key;
    }
}
