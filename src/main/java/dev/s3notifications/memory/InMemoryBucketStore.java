package dev.s3notifications.memory;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * Buckets in this process's memory, with the semantics of the DynamoDB table: every write of a bucket is atomic and
 * conditional on the bucket being the one that was read (same owner, same creation time to the millisecond, as the
 * table compares them), the configuration's version grows by one per stored configuration, and the configuration
 * and the policy go with their bucket. For the local stack, init priming's sandbox and tests; nothing outlives the
 * process.
 */
public final class InMemoryBucketStore implements BucketStore {
    private final ConcurrentMap<String, BucketState> buckets = new ConcurrentHashMap<>();

    @Override
    public Optional<BucketState> find(String bucketName) {
        return Optional.ofNullable(buckets.get(bucketName));
    }

    @Override
    public Optional<Bucket> create(Bucket bucket) {
        BucketState existing = buckets.putIfAbsent(bucket.name(),
                new BucketState(asStored(bucket), NotificationConfiguration.empty(), 0));
        return Optional.ofNullable(existing).map(BucketState::bucket);
    }

    @Override
    public boolean delete(Bucket bucket) {
        return ifSameBucket(bucket, current -> null);
    }

    @Override
    public List<Bucket> listOwnedBy(String accountId) {
        return buckets.values().stream().map(BucketState::bucket).filter(b -> b.ownerAccountId().equals(accountId))
                .sorted(Comparator.comparing(Bucket::name)).toList();
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        return ifSameBucket(bucket, current -> new BucketState(current.bucket(), configuration,
                current.configurationVersion() + 1, current.policy()));
    }

    @Override
    public boolean putPolicy(Bucket bucket, String policy) {
        return ifSameBucket(bucket, current -> new BucketState(current.bucket(), current.notificationConfiguration(),
                current.configurationVersion(), policy));
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        return putPolicy(bucket, null);
    }

    /**
     * Replaces the bucket's state with {@code change}'s (null removes the bucket), atomically, if it is still
     * {@code bucket}: a concurrent write to the same bucket cannot come between the check and the change. False
     * when it is not.
     */
    private boolean ifSameBucket(Bucket bucket, UnaryOperator<BucketState> change) {
        boolean[] changed = {false};
        buckets.computeIfPresent(bucket.name(), (name, current) -> {
            if (!sameBucket(current, bucket)) {
                return current;
            }
            changed[0] = true;
            return change.apply(current);
        });
        return changed[0];
    }

    /** The table's condition: the same owner and the same creation time, which it holds to the millisecond. */
    private static boolean sameBucket(BucketState current, Bucket read) {
        return current.bucket().ownerAccountId().equals(read.ownerAccountId())
                && current.bucket().creationDate().equals(read.creationDate().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The bucket as the table gives it back: its creation time to the millisecond, as S3 reports it. */
    private static Bucket asStored(Bucket bucket) {
        return new Bucket(bucket.name(), bucket.ownerAccountId(), bucket.region(),
                bucket.creationDate().truncatedTo(ChronoUnit.MILLIS));
    }
}
