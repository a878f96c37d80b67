package dev.s3notifications.handler;

import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.NotificationConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Holds the sample buckets of priming, in memory; priming never writes to the real table. */
final class SandboxBucketStore implements BucketStore {
    private final Map<String, BucketState> buckets = new ConcurrentHashMap<>();

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
        return buckets.remove(bucket.name()) != null;
    }

    @Override
    public List<Bucket> listOwnedBy(String accountId) {
        return buckets.values().stream().map(BucketState::bucket).toList();
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        return buckets.computeIfPresent(bucket.name(), (name, current) -> new BucketState(bucket, configuration, 1)) != null;
    }

    @Override
    public boolean putPolicy(Bucket bucket, String policy) {
        return buckets.computeIfPresent(bucket.name(), (name, current) -> new BucketState(bucket,
                current.notificationConfiguration(), current.configurationVersion(), policy)) != null;
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        return putPolicy(bucket, null);
    }
}
