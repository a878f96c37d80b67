package dev.s3notifications.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.BucketStoreContract;
import dev.s3notifications.domain.NotificationConfiguration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryBucketStoreTest extends BucketStoreContract {
    private final InMemoryBucketStore store = new InMemoryBucketStore();

    @Override
    protected BucketStore store() {
        return store;
    }

    /**
     * DynamoDB serialises conditional writes to one item; the in-memory store must too: writers racing on one bucket
     * (configurations, policies) while another thread deletes and re-creates it lose no version and never write
     * to the re-created bucket through the old one.
     */
    @Test
    void concurrentWritesToOneBucketAreEachAppliedWhole() throws Exception {
        Bucket bucket = new Bucket("raced", "123456789012", "us-east-1", Instant.parse("2026-11-22T10:00:00Z"));
        Bucket churned = new Bucket("churned", "123456789012", "us-east-1", Instant.parse("2026-11-22T10:00:00Z"));
        store.create(bucket);
        store.create(churned);
        int writers = 4;
        int writes = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            tasks.add(() -> {
                start.await();
                int stored = 0;
                for (int i = 0; i < writes; i++) {
                    stored += store.putNotificationConfiguration(bucket, NotificationConfiguration.empty()) ? 1 : 0;
                    store.putPolicy(bucket, "{}");
                    store.putNotificationConfiguration(churned, NotificationConfiguration.empty());
                }
                return stored;
            });
        }
        tasks.add(() -> {
            start.await();
            Bucket current = churned;
            for (int i = 0; i < writes; i++) {
                assertThat(store.delete(current)).isTrue();
                current = new Bucket(churned.name(), churned.ownerAccountId(), churned.region(),
                        churned.creationDate().plusSeconds(i + 1));
                assertThat(store.create(current)).isEmpty();
            }
            return 0;
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
            assertThat(store.find("churned").orElseThrow().configurationVersion())
                    .as("writes through the first bucket never reach its successors").isZero();
        } finally {
            executor.shutdownNow();
        }
    }
}
