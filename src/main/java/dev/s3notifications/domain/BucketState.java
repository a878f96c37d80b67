package dev.s3notifications.domain;

/**
 * A bucket as stored, with its notification configuration and that configuration's version, which grows by one
 * with every stored PUT so that caches and indexes built from a configuration know when to rebuild.
 */
public record BucketState(Bucket bucket, NotificationConfiguration notificationConfiguration, long configurationVersion) {
}
