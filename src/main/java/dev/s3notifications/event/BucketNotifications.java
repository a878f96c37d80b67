package dev.s3notifications.event;

import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.DestinationType;
import dev.s3notifications.domain.NotificationConfiguration;
import dev.s3notifications.logging.JsonLog;

/**
 * What the fan-out needs to know about one stored version of a bucket's configuration: the bucket as records name
 * it, and the index of its topic configurations. Queue and function destinations are stored and validated, but
 * delivering to them is not built yet; they are left out of the index (and said so once, when it is built).
 */
public record BucketNotifications(Bucket bucket, long configurationVersion, BucketIdentity identity, NotificationIndex topics) {

    public static BucketNotifications of(BucketState state) {
        NotificationConfiguration configuration = state.notificationConfiguration();
        var topics = configuration.destinationsOf(DestinationType.TOPIC);
        int undelivered = configuration.destinations().size() - topics.size();
        if (undelivered > 0 || configuration.eventBridgeEnabled()) {
            JsonLog.info("queue, function and EventBridge destinations are not delivered yet; this bucket's are skipped",
                    "bucket", state.bucket().name(),
                    "configurationVersion", Long.toString(state.configurationVersion()),
                    "skippedDestinations", Integer.toString(undelivered),
                    "eventBridge", Boolean.toString(configuration.eventBridgeEnabled()));
        }
        return new BucketNotifications(state.bucket(), state.configurationVersion(), BucketIdentity.of(state.bucket()),
                NotificationIndex.of(topics));
    }

    /** Whether this was built from {@code state}'s configuration: same bucket (not re-created), same version. */
    public boolean isBuiltFrom(BucketState state) {
        return bucket.equals(state.bucket()) && configurationVersion == state.configurationVersion();
    }
}
