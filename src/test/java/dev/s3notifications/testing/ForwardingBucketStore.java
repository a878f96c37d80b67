package dev.s3notifications.testing;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.util.List;
import java.util.Optional;

/** A {@link BucketStore} that passes every call on to another: test stores override the calls they change. */
public abstract class ForwardingBucketStore implements BucketStore {
    private final BucketStore delegate;

    protected ForwardingBucketStore(BucketStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<BucketState> find(String bucketName) {
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
