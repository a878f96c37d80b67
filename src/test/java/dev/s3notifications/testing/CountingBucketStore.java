package dev.s3notifications.testing;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.DependencyUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link BucketStore} that counts the reads it passes on, and can be told to be unavailable. */
public final class CountingBucketStore implements BucketStore {
    private final BucketStore delegate;
    private final AtomicInteger finds = new AtomicInteger();
    private volatile boolean unavailable;

    public CountingBucketStore(BucketStore delegate) {
        this.delegate = delegate;
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
        return delegate.find(bucketName);
    }

    @Override
    public Optional<Bucket> create(Bucket bucket) {
        return delegate.create(bucket);
    }

    @Override
    public boolean delete(Bucket bucket) {
        return delegate.delete(bucket);
    }

    @Override
    public List<Bucket> listOwnedBy(String accountId) {
        return delegate.listOwnedBy(accountId);
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        return delegate.putNotificationConfiguration(bucket, configuration);
    }

    @Override
    public boolean putPolicy(Bucket bucket, String policy) {
        return delegate.putPolicy(bucket, policy);
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        return delegate.deletePolicy(bucket);
    }
}
