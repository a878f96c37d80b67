package dev.s3notifications.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.BucketStoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryBucketStoreTest extends BucketStoreContract {
    private final InMemoryBucketStore store = new InMemoryBucketStore();

    @Override
    protected BucketStore store() {
        return store;
    }

    /**
     * DynamoDB serialises conditional writes to one item; the in-memory store must too. Writers race on one bucket
     * (configurations and policies: no version lost), and on another that a churner deletes and creates again all
     * along: every delete of the bucket the churner created succeeds however the writers write to it meanwhile, and
     * the last bucket holds exactly the writes made through it, none made through its predecessors.
     */
    @Test
    void concurrentWritesToOneBucketAreEachAppliedWhole() throws Exception {
        Instant created = Instant.parse("2026-11-22T10:00:00Z");
        Bucket raced = new Bucket("raced", "123456789012", "us-east-1", created);
        store.create(raced);
        store.create(new Bucket("churned", "123456789012", "us-east-1", created));
        int writers = 4;
        int writes = 2_000;
        Map<Instant, AtomicInteger> storedByCreation = new ConcurrentHashMap<>();
        AtomicBoolean churning = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            tasks.add(() -> {
                start.await();
                int stored = 0;
                for (int i = 0; i < writes || churning.get(); i++) {
                    if (i < writes) {
                        stored += store.putNotificationConfiguration(raced, NotificationConfiguration.empty()) ? 1 : 0;
                        store.putPolicy(raced, "{}");
                    }
                    Optional<Bucket> churned = store.find("churned").map(BucketState::bucket);
                    if (churned.isPresent() && store.putNotificationConfiguration(churned.get(), NotificationConfiguration.empty())) {
                        storedByCreation.computeIfAbsent(churned.get().creationDate(), c -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return stored;
            });
        }
        tasks.add(() -> {
            start.await();
            try {
                Bucket current = store.find("churned").orElseThrow().bucket();
                for (int i = 1; i <= writes; i++) {
                    assertThat(store.delete(current)).as("delete %d of the bucket the churner created", i).isTrue();
                    current = new Bucket(current.name(), current.ownerAccountId(), current.region(), created.plusSeconds(i));
                    assertThat(store.create(current)).isEmpty();
                }
                return 0;
            } finally {
                churning.set(false);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            tasks.forEach(task -> results.add(executor.submit(task)));
            start.countDown();
            int stored = 0;
            for (Future<Integer> result : results) {
                stored += result.get();
            }
            assertThat(stored).isEqualTo(writers * writes);
            assertThat(store.find("raced").orElseThrow().configurationVersion()).isEqualTo(writers * writes);
            assertThat(store.find("raced").orElseThrow().policy()).isEqualTo("{}");
            BucketState last = store.find("churned").orElseThrow();
            assertThat(last.bucket().creationDate()).isEqualTo(created.plusSeconds(writes));
            assertThat(last.configurationVersion()).as("the writes made through the last bucket, and no other")
                    .isEqualTo(storedByCreation.getOrDefault(last.bucket().creationDate(), new AtomicInteger()).get());
        } finally {
            executor.shutdownNow();
        }
    }
}
