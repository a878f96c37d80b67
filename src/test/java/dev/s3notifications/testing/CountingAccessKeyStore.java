package dev.s3notifications.testing;

import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AccessKeyStore} that counts the lookups it passes on. */
public final class CountingAccessKeyStore implements AccessKeyStore {
    private final AccessKeyStore delegate;
    public final AtomicInteger lookups = new AtomicInteger();

    public CountingAccessKeyStore(AccessKeyStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        lookups.incrementAndGet();
        return delegate.find(accessKeyId);
    }
}
