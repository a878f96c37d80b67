package dev.s3notifications.dynamodb;

import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.testing.ForwardingBucketStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An in-memory {@link BucketStore} that still does the store's own work: every configuration written becomes the
 * DynamoDB attribute {@link DynamoDbBucketStore} would write, and is read back from it. For benchmarks of the API
 * function's own work per request, without DynamoDB's network round trip.
 */
public final class SerializingInMemoryBucketStore extends ForwardingBucketStore {
    public SerializingInMemoryBucketStore() {
        super(new InMemoryBucketStore());
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        AttributeValue item = DynamoDbBucketStore.ConfigurationAttributes.write(configuration);
        return super.putNotificationConfiguration(bucket, DynamoDbBucketStore.ConfigurationAttributes.read(item));
    }
}
