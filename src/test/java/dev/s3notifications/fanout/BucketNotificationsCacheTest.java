package dev.s3notifications.fanout;

import static dev.s3notifications.testing.Destinations.function;
import static dev.s3notifications.testing.Destinations.queue;
import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.DependencyUnavailableException;
import dev.s3notifications.testing.CountingBucketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BucketNotificationsCacheTest {
    private static final String T = "arn:aws:sns:us-east-1:123456789012:t";
    private final InMemoryBucketStore buckets = new InMemoryBucketStore();
    private final CountingBucketStore store = new CountingBucketStore(buckets);
    private final AtomicLong now = new AtomicLong(1_000);
    private final BucketNotificationsCache cache = new BucketNotificationsCache(store, Duration.ofSeconds(5), now::get);
    private final Bucket photos = new Bucket("photos", "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));

    private void configure(Bucket bucket, String topicId) {
        buckets.putNotificationConfiguration(bucket, new NotificationConfiguration(List.of(
                topic(topicId, T, "images/", null, "s3:ObjectCreated:*")), false));
    }

    private List<String> matchingIds(String bucket, String key) {
        return cache.find(bucket).orElseThrow().destinations().match(EventType.OBJECT_CREATED_PUT, key).stream()
                .map(d -> d.id()).toList();
    }

    @Test
    void readsABucketOncePerLifetime() {
        buckets.create(photos);
        configure(photos, "first");
        assertThat(matchingIds("photos", "images/a")).containsExactly("first");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(matchingIds("photos", "images/b")).containsExactly("first");
        assertThat(store.finds()).isEqualTo(1);
    }

    /** A SnapStart restore starts a new process whose nanoTime may be far behind the one the cache was filled in. */
    @Test
    void aClockThatWentBackwardsMakesEntriesStale() {
        buckets.create(photos);
        configure(photos, "first");
        assertThat(matchingIds("photos", "images/a")).containsExactly("first");
        configure(photos, "second");
        now.addAndGet(-Duration.ofHours(1).toNanos());
        assertThat(matchingIds("photos", "images/b")).containsExactly("second");
        assertThat(store.finds()).isEqualTo(2);
    }

    @Test
    void remembersThatABucketDoesNotExist() {
        assertThat(cache.find("missing")).isEmpty();
        assertThat(cache.find("missing")).isEmpty();
        assertThat(store.finds()).isEqualTo(1);
    }

    @Test
    void afterItsLifetimeRereadsButKeepsTheIndexOfAnUnchangedVersion() {
        buckets.create(photos);
        configure(photos, "first");
        BucketNotifications before = cache.find("photos").orElseThrow();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        BucketNotifications after = cache.find("photos").orElseThrow();
        assertThat(store.finds()).isEqualTo(2);
        assertThat(after).isSameAs(before);
    }

    @Test
    void aNewConfigurationVersionIsSeenAfterTheLifetime() {
        buckets.create(photos);
        configure(photos, "first");
        assertThat(matchingIds("photos", "images/a")).containsExactly("first");
        configure(photos, "second");
        assertThat(matchingIds("photos", "images/a")).containsExactly("first"); // still within the lifetime
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(matchingIds("photos", "images/a")).containsExactly("second");
    }

    @Test
    void aRecreatedBucketWithTheSameVersionNumberGetsANewIndex() {
        buckets.create(photos);
        configure(photos, "old-bucket");
        cache.find("photos");
        buckets.delete(photos);
        Bucket recreated = new Bucket("photos", "210987654321", "us-east-1", photos.creationDate().plusSeconds(60));
        buckets.create(recreated);
        configure(recreated, "new-bucket"); // version 1 again
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(matchingIds("photos", "images/a")).containsExactly("new-bucket");
        assertThat(cache.find("photos").orElseThrow().identity().ownerPrincipalId())
                .isEqualTo(BucketIdentity.ownerPrincipalId("210987654321"));
    }

    @Test
    void aDeletedBucketIsGoneAfterTheLifetime() {
        buckets.create(photos);
        assertThat(cache.find("photos")).isPresent();
        buckets.delete(photos);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cache.find("photos")).isEmpty();
    }

    @Test
    void aZeroLifetimeReadsEveryTime() {
        var uncached = new BucketNotificationsCache(store, Duration.ZERO, now::get);
        uncached.find("photos");
        uncached.find("photos");
        assertThat(store.finds()).isEqualTo(2);
    }

    @Test
    void anUnavailableStoreIsNotCached() {
        buckets.create(photos);
        store.unavailable(true);
        assertThatThrownBy(() -> cache.find("photos")).isInstanceOf(DependencyUnavailableException.class);
        store.unavailable(false);
        assertThat(cache.find("photos")).isPresent();
    }

    @Test
    void indexesTopicQueueAndFunctionDestinationsAndKeepsTheEventBridgeSwitch() {
        buckets.create(photos);
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                topic("topic", T, "images/", null, "s3:ObjectCreated:*"),
                queue("queue", "arn:aws:sqs:us-east-1:123456789012:q", "logs/", null, "s3:ObjectCreated:*"),
                function("function", "arn:aws:lambda:us-east-1:123456789012:function:f", "raw/", null, "s3:ObjectCreated:*")),
                true));
        BucketNotifications notifications = cache.find("photos").orElseThrow();
        assertThat(notifications.destinations().size()).isEqualTo(3);
        assertThat(notifications.destinations().match(EventType.OBJECT_CREATED_PUT, "logs/a")).extracting(d -> d.id())
                .containsExactly("queue");
        assertThat(notifications.destinations().match(EventType.OBJECT_CREATED_PUT, "raw/a")).extracting(d -> d.id())
                .containsExactly("function");
        assertThat(notifications.eventBridge()).isTrue();
    }

    @Test
    void dropsExpiredBucketsWhenItHoldsMany() {
        for (int i = 0; i <= BucketNotificationsCache.SWEEP_ABOVE; i++) {
            cache.find("missing-" + i);
        }
        assertThat(cache.size()).isEqualTo(BucketNotificationsCache.SWEEP_ABOVE + 1);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        cache.find("one-more");
        assertThat(cache.size()).isEqualTo(1);
    }
}
