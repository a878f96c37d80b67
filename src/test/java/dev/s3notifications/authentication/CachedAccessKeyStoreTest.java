package dev.s3notifications.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.testing.CountingAccessKeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedAccessKeyStoreTest {
    private static final AccessKey KEY = new AccessKey("AKIAEXAMPLE", "secret", "123456789012",
            "arn:aws:iam::123456789012:root", true);

    private final InMemoryAccessKeyStore keys = InMemoryAccessKeyStore.holding(KEY);
    private final CountingAccessKeyStore store = new CountingAccessKeyStore(keys);
    private final AtomicLong nanos = new AtomicLong();
    private final CachedAccessKeyStore cache = new CachedAccessKeyStore(store, Duration.ofSeconds(30), nanos::get, 2);

    @Test
    void readsAKeyOncePerLifetime() {
        assertThat(cache.find("AKIAEXAMPLE")).contains(KEY);
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.find("AKIAEXAMPLE")).contains(KEY);
        assertThat(store.lookups).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        keys.setEnabled("AKIAEXAMPLE", false);
        assertThat(cache.find("AKIAEXAMPLE").orElseThrow().enabled()).as("disabled once the lifetime is over").isFalse();
        assertThat(store.lookups).hasValue(2);
    }

    @Test
    void anEntryFromAnotherClockIsStale() {
        nanos.set(Long.MAX_VALUE / 2);
        cache.find("AKIAEXAMPLE");
        nanos.set(0); // restored from a SnapStart snapshot: System.nanoTime has another origin
        cache.find("AKIAEXAMPLE");
        assertThat(store.lookups).hasValue(2);
    }

    @Test
    void remembersUnknownKeysToo() {
        assertThat(cache.find("AKIAUNKNOWN")).isEmpty();
        assertThat(cache.find("AKIAUNKNOWN")).isEmpty();
        assertThat(store.lookups).hasValue(1);
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedKeys() {
        cache.find("AKIAEXAMPLE");
        cache.find("AKIAONE");
        cache.find("AKIAEXAMPLE");
        cache.find("AKIATWO"); // evicts AKIAONE, the least recently used
        cache.find("AKIAEXAMPLE");
        assertThat(store.lookups).hasValue(3);
        cache.find("AKIAONE");
        assertThat(store.lookups).hasValue(4);
    }

    @Test
    void aZeroLifetimeReadsEveryTime() {
        CachedAccessKeyStore uncached = new CachedAccessKeyStore(store, Duration.ZERO, nanos::get, 10);
        uncached.find("AKIAEXAMPLE");
        uncached.find("AKIAEXAMPLE");
        assertThat(store.lookups).hasValue(2);
    }

    @Test
    void anAccessKeyNeverPrintsItsSecret() {
        assertThat(new AccessKey("AKIAEXAMPLE", "wJalrXUtnFEMI", "123456789012", "arn:aws:iam::123456789012:root", true))
                .asString().contains("AKIAEXAMPLE").doesNotContain("wJalrXUtnFEMI");
    }
}
