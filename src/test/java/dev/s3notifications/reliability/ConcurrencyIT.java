package dev.s3notifications.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.store.BucketState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 8 concurrent writers × 100 PUTs of different valid configurations to one bucket through the local stack's HTTP
 * path, interleaved with GETs and with DeleteBucket/CreateBucket of another bucket (see {@link ConcurrentWrites}).
 */
class ConcurrencyIT {
    static final int WRITERS = 8;
    static final int PUTS = 100;
    static final int READERS = 2;

    @Test
    void concurrentPutsNeverInterleaveAndTheLastAcknowledgedWriteWins() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String bucket = "concurrency-" + unique;
        String churn = "churn-" + unique;
        try (AnnouncedStack local = new AnnouncedStack(); SignedS3Http http = local.client()) {
            assertThat(http.send("PUT", "/" + bucket, Map.of(), new byte[0]).status()).isEqualTo(200);
            assertThat(http.send("PUT", "/" + churn, Map.of(), new byte[0]).status()).isEqualTo(200);
            var store = local.stack.bucketStore();
            long versionBefore = store.find(bucket).map(BucketState::configurationVersion).orElseThrow();

            ConcurrentWrites.Result result = new ConcurrentWrites(http, bucket, churn).run(WRITERS, PUTS, READERS);

            long acknowledged = result.puts().stream().filter(p -> p.status() == 200).count();
            long versionAfter = store.find(bucket).map(BucketState::configurationVersion).orElseThrow();
            String finalDocument = result.bodyToDocument().get(result.finalBody());
            ConcurrentWrites.Put last = result.puts().stream()
                    .filter(p -> ("w" + p.writer() + "-p" + p.index()).equals(finalDocument)).findFirst().orElseThrow();
            List<ConcurrentWrites.Put> strictlyLater = result.puts().stream()
                    .filter(p -> p.status() == 200 && p.sentAt() > last.answeredAt()).toList();
            System.out.printf("concurrency: %d writers x %d PUTs (%d acknowledged), %d GETs, %d DeleteBucket/CreateBucket"
                            + " of another bucket in %.1f s; answers %s; GET bodies not among the written documents: %d;"
                            + " final document %s, acknowledged PUTs sent after it was acknowledged: %d; version +%d%n",
                    WRITERS, PUTS, acknowledged, result.gets(), result.churnOperations(), result.elapsedNanos() / 1e9,
                    result.statuses(), result.unknownGetBodies().size(), finalDocument, strictlyLater.size(),
                    versionAfter - versionBefore);

            assertThat(result.statuses().keySet()).as("no 5xx").noneMatch(key -> key.matches(".* 5\\d\\d"));
            assertThat(acknowledged).as("every PUT acknowledged").isEqualTo((long) WRITERS * PUTS);
            assertThat(result.unknownGetBodies()).as("GETs that answered a mix or another document").isEmpty();
            assertThat(result.gets()).as("GETs interleaved with the writes").isPositive();
            assertThat(result.churnOperations()).isPositive();
            assertThat(finalDocument).as("the final document is one that was written").isNotNull().isNotEqualTo("initial");
            assertThat(strictlyLater).as("acknowledged PUTs sent after the final document's PUT was acknowledged").isEmpty();
            assertThat(versionAfter - versionBefore).as("one stored version per acknowledged PUT").isEqualTo(acknowledged);
        }
    }
}
