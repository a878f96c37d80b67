package dev.s3notifications.store;

import dev.s3notifications.notification.NotificationConfiguration;
import java.util.List;
import java.util.Optional;

/** Where buckets, their notification configurations and their policies live. Every write is atomic. */
public interface BucketStore {

    Optional<BucketState> find(String bucketName);

    /** Registers {@code bucket}; returns the bucket that already has its name instead, if there is one. */
    Optional<Bucket> create(Bucket bucket);

    /** Removes the bucket and its configuration, if it is still {@code bucket}; false when it is gone. */
    boolean delete(Bucket bucket);

    /** The buckets an account owns, by name. */
    List<Bucket> listOwnedBy(String accountId);

    /**
     * Replaces the bucket's whole notification configuration, if the bucket is still {@code bucket} (not deleted,
     * or deleted and created again, since it was read); false when it is not. Either all of it is stored or none.
     */
    boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration);

    /**
     * Replaces the bucket's policy document, if the bucket is still {@code bucket}; false when it is not. The policy
     * lives and dies with its bucket.
     */
    boolean putPolicy(Bucket bucket, String policy);

    /** Removes the bucket's policy, if any, if the bucket is still {@code bucket}; false when it is not. */
    boolean deletePolicy(Bucket bucket);
}
