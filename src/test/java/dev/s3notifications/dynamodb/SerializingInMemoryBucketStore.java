package dev.s3notifications.dynamodb;

import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An in-memory {@link BucketStore} that still does the store's own work: every configuration written becomes the
 * DynamoDB attribute {@link DynamoDbBucketStore} would write, and is read back from it. For benchmarks of the API
 * function's own work per request, without DynamoDB's network round trip.
 */
public final class SerializingInMemoryBucketStore implements BucketStore {
    private final InMemoryBucketStore delegate = new InMemoryBucketStore();

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
    public boolean putPolicy(Bucket bucket, String policy) {
        return delegate.putPolicy(bucket, policy);
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        return delegate.deletePolicy(bucket);
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        AttributeValue item = DynamoDbBucketStore.ConfigurationAttributes.write(configuration);
        return delegate.putNotificationConfiguration(bucket, DynamoDbBucketStore.ConfigurationAttributes.read(item));
    }
}
