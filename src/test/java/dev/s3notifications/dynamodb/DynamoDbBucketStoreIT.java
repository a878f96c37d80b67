package dev.s3notifications.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.DestinationConfiguration;
import dev.s3notifications.domain.DestinationType;
import dev.s3notifications.domain.FilterRule;
import dev.s3notifications.domain.NotificationConfiguration;
import dev.s3notifications.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamoDbBucketStoreIT {
    private static DynamoDbBucketStore store;

    @BeforeAll
    static void createTable() {
        var client = DynamoDbLocal.shared().client();
        String table = "buckets-" + UUID.randomUUID();
        DynamoDbBucketStore.createTable(client, table);
        store = new DynamoDbBucketStore(client, table);
    }

    private static Bucket newBucket(String owner) {
        return new Bucket("bucket-" + UUID.randomUUID(), owner, "us-east-1", Instant.parse("2026-11-22T10:00:00.123Z"));
    }

    private static final NotificationConfiguration CONFIGURATION = new NotificationConfiguration(List.of(
            new DestinationConfiguration(DestinationType.TOPIC, "images", "arn:aws:sns:us-east-1:123456789012:t",
                    List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"),
                    List.of(new FilterRule("Prefix", "images/"), new FilterRule("Suffix", "")), null),
            new DestinationConfiguration(DestinationType.FUNCTION, "fn", "arn:aws:lambda:us-east-1:123456789012:function:f",
                    List.of("s3:ObjectTagging:*"), null, "arn:aws:iam::123456789012:role/r")), true);

    @Test
    void storesAndReturnsTheWholeConfigurationWithAGrowingVersion() {
        Bucket bucket = newBucket("123456789012");
        assertThat(store.create(bucket)).isEmpty();
        assertThat(store.find(bucket.name())).contains(new BucketState(bucket, NotificationConfiguration.empty(), 0));

        assertThat(store.putNotificationConfiguration(bucket, CONFIGURATION)).isTrue();
        assertThat(store.find(bucket.name())).contains(new BucketState(bucket, CONFIGURATION, 1));

        assertThat(store.putNotificationConfiguration(bucket, NotificationConfiguration.empty())).isTrue();
        assertThat(store.find(bucket.name())).contains(new BucketState(bucket, NotificationConfiguration.empty(), 2));
    }

    @Test
    void createReturnsTheBucketThatAlreadyHasTheName() {
        Bucket bucket = newBucket("123456789012");
        store.create(bucket);
        Bucket sameName = new Bucket(bucket.name(), "210987654321", "us-east-1", Instant.now());
        assertThat(store.create(sameName)).contains(bucket);
    }

    @Test
    void aConfigurationIsNeverWrittenToADeletedOrRecreatedBucket() {
        Bucket bucket = newBucket("123456789012");
        store.create(bucket);
        assertThat(store.delete(bucket)).isTrue();
        assertThat(store.putNotificationConfiguration(bucket, CONFIGURATION)).isFalse();
        assertThat(store.find(bucket.name())).isEmpty();

        Bucket recreated = new Bucket(bucket.name(), bucket.ownerAccountId(), "us-east-1", bucket.creationDate().plusSeconds(1));
        store.create(recreated);
        assertThat(store.putNotificationConfiguration(bucket, CONFIGURATION)).isFalse();
        assertThat(store.delete(bucket)).isFalse();
        assertThat(store.find(bucket.name()).orElseThrow().notificationConfiguration()).isEqualTo(NotificationConfiguration.empty());
    }

    @Test
    void deletingABucketDeletesItsConfiguration() {
        Bucket bucket = newBucket("123456789012");
        store.create(bucket);
        store.putNotificationConfiguration(bucket, CONFIGURATION);
        assertThat(store.delete(bucket)).isTrue();
        store.create(bucket);
        assertThat(store.find(bucket.name()).orElseThrow().notificationConfiguration()).isEqualTo(NotificationConfiguration.empty());
    }

    private static final String POLICY = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:GetBucketNotification\",\"Resource\":\"*\"}]}";

    @Test
    void storesReplacesAndDeletesThePolicyBesideTheConfiguration() {
        Bucket bucket = newBucket("123456789012");
        store.create(bucket);
        store.putNotificationConfiguration(bucket, CONFIGURATION);

        assertThat(store.putPolicy(bucket, POLICY)).isTrue();
        assertThat(store.find(bucket.name())).contains(new BucketState(bucket, CONFIGURATION, 1, POLICY));
        assertThat(store.putPolicy(bucket, POLICY.replace("*", "s3:*"))).isTrue();
        assertThat(store.find(bucket.name()).orElseThrow().policy()).isEqualTo(POLICY.replace("*", "s3:*"));

        assertThat(store.deletePolicy(bucket)).isTrue();
        assertThat(store.find(bucket.name())).contains(new BucketState(bucket, CONFIGURATION, 1, null));
        assertThat(store.deletePolicy(bucket)).as("deleting no policy succeeds").isTrue();
    }

    @Test
    void aPolicyIsNeverWrittenToADeletedOrRecreatedBucketAndDiesWithItsBucket() {
        Bucket bucket = newBucket("123456789012");
        store.create(bucket);
        store.putPolicy(bucket, POLICY);
        assertThat(store.delete(bucket)).isTrue();
        assertThat(store.putPolicy(bucket, POLICY)).isFalse();
        assertThat(store.deletePolicy(bucket)).isFalse();
        assertThat(store.find(bucket.name())).isEmpty();

        Bucket recreated = new Bucket(bucket.name(), bucket.ownerAccountId(), "us-east-1", bucket.creationDate().plusSeconds(1));
        store.create(recreated);
        assertThat(store.find(bucket.name()).orElseThrow().policy()).as("the old bucket's policy is gone").isNull();
        assertThat(store.putPolicy(bucket, POLICY)).isFalse();
        assertThat(store.find(bucket.name()).orElseThrow().policy()).isNull();
    }

    @Test
    void listsTheBucketsAnAccountOwnsByName() {
        String owner = "1111" + UUID.randomUUID().toString().substring(0, 8);
        Bucket b = new Bucket("b-" + owner, owner, "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
        Bucket a = new Bucket("a-" + owner, owner, "us-east-1", Instant.parse("2026-01-02T00:00:00Z"));
        store.create(b);
        store.create(a);
        store.create(newBucket("someone-else"));
        assertThat(store.listOwnedBy(owner)).containsExactly(a, b);
    }
}
