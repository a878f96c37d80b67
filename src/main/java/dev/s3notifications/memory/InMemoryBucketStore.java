package dev.s3notifications.memory;

import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.NotificationConfiguration;
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
 * and the policy go with their bucket. For the local stack and tests; nothing outlives the process.
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
        // One atomic step, like the table's conditional delete: a configuration written between a read and a
        // remove(name, read) would otherwise make the delete of the same bucket fail.
        return update(bucket, current -> null);
    }

    @Override
    public List<Bucket> listOwnedBy(String accountId) {
        return buckets.values().stream().map(BucketState::bucket).filter(b -> b.ownerAccountId().equals(accountId))
                .sorted(Comparator.comparing(Bucket::name)).toList();
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        return update(bucket, current -> new BucketState(current.bucket(), configuration,
                current.configurationVersion() + 1, current.policy()));
    }

    @Override
    public boolean putPolicy(Bucket bucket, String policy) {
        return update(bucket, current -> new BucketState(current.bucket(), current.notificationConfiguration(),
                current.configurationVersion(), policy));
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        return putPolicy(bucket, null);
    }

    /**
     * Replaces the bucket's state atomically if it is still {@code bucket} (a null state removes it); false when it
     * is not.
     */
    private boolean update(Bucket bucket, UnaryOperator<BucketState> change) {
        boolean[] updated = {false};
        buckets.computeIfPresent(bucket.name(), (name, current) -> {
            if (!sameBucket(current, bucket)) {
                return current;
            }
            updated[0] = true;
            return change.apply(current);
        });
        return updated[0];
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
