package dev.s3notifications.fanout;

import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each bucket's configuration, read from the store at most once per bucket per lifetime and kept across
 * invocations of a warm container; "no such bucket" is kept too. When an entry expires the bucket is read again,
 * and its index is only rebuilt if the configuration version (or the bucket itself) changed. So a new
 * configuration reaches the fan-out within one lifetime.
 */
public final class BucketNotificationsCache {
    /** Past this many buckets, expired entries are dropped, so a long-lived container's memory stays bounded. */
    static final int SWEEP_ABOVE = 10_000;

    private final BucketStore store;
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param readAt when the store was read, on the nano clock
     * @param value  null when the bucket does not exist
     */
    private record Entry(long readAt, BucketNotifications value) {
    }

    public BucketNotificationsCache(BucketStore store, Duration lifetime, LongSupplier nanoClock) {
        this.store = store;
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * The bucket's notifications, or empty when there is no such bucket.
     *
     * @throws dev.s3notifications.store.DependencyUnavailableException when the store cannot answer
     */
    public Optional<BucketNotifications> find(String bucketName) {
        long now = nanoClock.getAsLong();
        Entry cached = entries.get(bucketName);
        if (cached != null && isFresh(cached, now)) {
            return Optional.ofNullable(cached.value);
        }
        Optional<BucketState> state = store.find(bucketName);
        BucketNotifications value = null;
        if (state.isPresent()) {
            BucketNotifications previous = cached == null ? null : cached.value;
            value = previous != null && previous.isBuiltFrom(state.get()) ? previous : BucketNotifications.of(state.get());
        }
        entries.put(bucketName, new Entry(now, value));
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(entry -> !isFresh(entry, now));
        }
        return Optional.ofNullable(value);
    }

    /**
     * Fresh means read less than a lifetime ago, and not "in the future": a clock that went backwards (a new
     * process's nanoTime after a SnapStart restore) must not make an entry live longer.
     */
    private boolean isFresh(Entry entry, long now) {
        long age = now - entry.readAt;
        return age >= 0 && age < lifetimeNanos;
    }

    /** How many buckets are held, expired or not. */
    int size() {
        return entries.size();
    }
}
