package dev.s3notifications.testing;

import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.DependencyUnavailableException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link BucketStore} that counts the reads it passes on, and can be told to be unavailable. */
public final class CountingBucketStore extends ForwardingBucketStore {
    private final AtomicInteger finds = new AtomicInteger();
    private volatile boolean unavailable;

    public CountingBucketStore(BucketStore delegate) {
        super(delegate);
    }

    public int finds() {
        return finds.get();
    }

    public void unavailable(boolean value) {
        unavailable = value;
    }

    @Override
    public Optional<BucketState> find(String bucketName) {
        finds.incrementAndGet();
        if (unavailable) {
            throw new DependencyUnavailableException("DynamoDB: throttled (test)", null);
        }
        return super.find(bucketName);
    }
}
