package dev.s3notifications.testing;

import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.NotificationConfiguration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link BucketStore} in a map, with the same conditional semantics as the DynamoDB one. */
public final class InMemoryBucketStore implements BucketStore {
    private final ConcurrentMap<String, BucketState> buckets = new ConcurrentHashMap<>();

    @Override
    public Optional<BucketState> find(String bucketName) {
        return Optional.ofNullable(buckets.get(bucketName));
    }

    @Override
    public Optional<Bucket> create(Bucket bucket) {
        BucketState existing = buckets.putIfAbsent(bucket.name(), new BucketState(bucket, NotificationConfiguration.empty(), 0));
        return Optional.ofNullable(existing).map(BucketState::bucket);
    }

    @Override
    public boolean delete(Bucket bucket) {
        BucketState current = buckets.get(bucket.name());
        return current != null && current.bucket().equals(bucket) && buckets.remove(bucket.name(), current);
    }

    @Override
    public List<Bucket> listOwnedBy(String accountId) {
        return buckets.values().stream().map(BucketState::bucket).filter(b -> b.ownerAccountId().equals(accountId))
                .sorted(Comparator.comparing(Bucket::name)).toList();
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        BucketState updated = buckets.computeIfPresent(bucket.name(), (name, current) -> current.bucket().equals(bucket)
                ? new BucketState(bucket, configuration, current.configurationVersion() + 1, current.policy()) : current);
        return updated != null && updated.notificationConfiguration() == configuration;
    }

    @Override
    public boolean putPolicy(Bucket bucket, String policy) {
        BucketState updated = buckets.computeIfPresent(bucket.name(), (name, current) -> current.bucket().equals(bucket)
                ? new BucketState(bucket, current.notificationConfiguration(), current.configurationVersion(), policy)
                : current);
        return updated != null && updated.bucket().equals(bucket);
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        return putPolicy(bucket, null);
    }
}
