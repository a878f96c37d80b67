package dev.s3notifications.store;

import dev.s3notifications.notification.NotificationConfiguration;
/**
 * A bucket as stored, with its notification configuration and that configuration's version, which grows by one
 * with every stored PUT so that caches and indexes built from a configuration know when to rebuild, and its bucket
 * policy document (as S3 stores it), or null when it has none.
 */
public record BucketState(Bucket bucket, NotificationConfiguration notificationConfiguration, long configurationVersion,
        String policy) {

    /** A bucket without a policy. */
    public BucketState(Bucket bucket, NotificationConfiguration notificationConfiguration, long configurationVersion) {
        this(bucket, notificationConfiguration, configurationVersion, null);
    }
}
