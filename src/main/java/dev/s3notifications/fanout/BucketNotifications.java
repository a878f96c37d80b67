package dev.s3notifications.fanout;

import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;

/**
 * What the fan-out needs to know about one stored version of a bucket's configuration: the bucket as records name
 * it, the index of its topic, queue and function configurations, and whether every event also goes to EventBridge.
 */
public record BucketNotifications(Bucket bucket, long configurationVersion, BucketIdentity identity,
        NotificationIndex destinations, boolean eventBridge) {

    public static BucketNotifications of(BucketState state) {
        NotificationConfiguration configuration = state.notificationConfiguration();
        return new BucketNotifications(state.bucket(), state.configurationVersion(), BucketIdentity.of(state.bucket()),
                NotificationIndex.of(configuration.destinations()), configuration.eventBridgeEnabled());
    }

    /** Whether this was built from {@code state}'s configuration: same bucket (not re-created), same version. */
    public boolean isBuiltFrom(BucketState state) {
        return bucket.equals(state.bucket()) && configurationVersion == state.configurationVersion();
    }
}
