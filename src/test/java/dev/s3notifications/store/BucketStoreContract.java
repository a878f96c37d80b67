package dev.s3notifications.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BucketStore} must do, whatever holds the buckets: a subclass per store gives {@link #store()}
 * (the in-memory store in a unit test, the DynamoDB adapter against moto's DynamoDB in an integration test). The
 * store may be shared by the tests: each uses bucket names and owners of its own.
 */
public abstract class BucketStoreContract {

    protected abstract BucketStore store();

    private static final String OWNER = "123456789012";
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00.123Z");

    protected static final NotificationConfiguration CONFIGURATION = new NotificationConfiguration(List.of(
            new DestinationConfiguration(DestinationType.TOPIC, "images", "arn:aws:sns:us-east-1:123456789012:t",
                    List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"),
                    List.of(new FilterRule("Prefix", "images/"), new FilterRule("Suffix", "")), null),
            new DestinationConfiguration(DestinationType.QUEUE, "no-rules", "arn:aws:sqs:us-east-1:123456789012:q",
                    List.of("s3:ObjectRestore:*"), List.of(), null),
            new DestinationConfiguration(DestinationType.FUNCTION, "fn", "arn:aws:lambda:us-east-1:123456789012:function:f",
                    List.of("s3:ObjectTagging:*"), null, "arn:aws:iam::123456789012:role/r")), true);

    private static final String POLICY = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:GetBucketNotification\",\"Resource\":\"*\"}]}";

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static Bucket newBucket(String owner) {
        return new Bucket(uniqueName("bucket"), owner, "us-east-1", CREATED);
    }

    /** The same name and owner, created a second later: what a deleted and re-created bucket looks like. */
    private static Bucket recreated(Bucket bucket) {
        return new Bucket(bucket.name(), bucket.ownerAccountId(), bucket.region(), bucket.creationDate().plusSeconds(1));
    }

    @Test
    void aNewBucketHasAnEmptyConfigurationAtVersionZeroAndNoPolicy() {
        Bucket bucket = newBucket(OWNER);
        assertThat(store().find(bucket.name())).isEmpty();
        assertThat(store().create(bucket)).isEmpty();
        assertThat(store().find(bucket.name())).contains(new BucketState(bucket, NotificationConfiguration.empty(), 0, null));
    }

    @Test
    void storesAndReturnsTheWholeConfigurationWithAGrowingVersion() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);

        assertThat(store().putNotificationConfiguration(bucket, CONFIGURATION)).isTrue();
        assertThat(store().find(bucket.name())).contains(new BucketState(bucket, CONFIGURATION, 1));

        assertThat(store().putNotificationConfiguration(bucket, NotificationConfiguration.empty())).isTrue();
        assertThat(store().find(bucket.name())).contains(new BucketState(bucket, NotificationConfiguration.empty(), 2));

        assertThat(store().putNotificationConfiguration(bucket, NotificationConfiguration.empty()))
                .as("storing the same configuration again").isTrue();
        assertThat(store().find(bucket.name()).orElseThrow().configurationVersion()).isEqualTo(3);
    }

    @Test
    void keepsTheCreationTimeToTheMillisecondAndComparesItSo() {
        Bucket precise = new Bucket(uniqueName("bucket"), OWNER, "us-east-1", Instant.parse("2026-11-22T10:00:00.123456789Z"));
        store().create(precise);
        Bucket stored = store().find(precise.name()).orElseThrow().bucket();
        assertThat(stored.creationDate()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
        assertThat(store().putNotificationConfiguration(precise, CONFIGURATION)).as("the bucket as created").isTrue();
        assertThat(store().putNotificationConfiguration(stored, CONFIGURATION)).as("the bucket as read").isTrue();
    }

    @Test
    void createReturnsTheBucketThatAlreadyHasTheNameAndLeavesItAsItWas() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);
        store().putNotificationConfiguration(bucket, CONFIGURATION);
        Bucket sameName = new Bucket(bucket.name(), "210987654321", "eu-west-1", Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(store().create(sameName)).contains(bucket);
        assertThat(store().find(bucket.name())).contains(new BucketState(bucket, CONFIGURATION, 1));
    }

    @Test
    void aConfigurationIsNeverWrittenToADeletedOrRecreatedBucket() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);
        assertThat(store().delete(bucket)).isTrue();
        assertThat(store().putNotificationConfiguration(bucket, CONFIGURATION)).isFalse();
        assertThat(store().find(bucket.name())).as("no bucket appears by writing to it").isEmpty();

        store().create(recreated(bucket));
        assertThat(store().putNotificationConfiguration(bucket, CONFIGURATION)).isFalse();
        assertThat(store().delete(bucket)).as("the old bucket is gone; the new one stays").isFalse();
        assertThat(store().find(bucket.name())).contains(new BucketState(recreated(bucket), NotificationConfiguration.empty(), 0));
    }

    @Test
    void aBucketOfTheSameNameAndTimeButAnotherOwnerIsNotTheBucketThatWasRead() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);
        Bucket impostor = new Bucket(bucket.name(), "210987654321", bucket.region(), bucket.creationDate());

        assertThat(store().putNotificationConfiguration(impostor, CONFIGURATION)).isFalse();
        assertThat(store().putPolicy(impostor, POLICY)).isFalse();
        assertThat(store().deletePolicy(impostor)).isFalse();
        assertThat(store().delete(impostor)).isFalse();
        assertThat(store().find(bucket.name())).contains(new BucketState(bucket, NotificationConfiguration.empty(), 0));
    }

    @Test
    void writesToABucketThatNeverExistedAreRefused() {
        Bucket never = newBucket(OWNER);
        assertThat(store().putNotificationConfiguration(never, CONFIGURATION)).isFalse();
        assertThat(store().putPolicy(never, POLICY)).isFalse();
        assertThat(store().deletePolicy(never)).isFalse();
        assertThat(store().delete(never)).isFalse();
        assertThat(store().find(never.name())).isEmpty();
    }

    @Test
    void deletingABucketDeletesItsConfigurationAndPolicy() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);
        store().putNotificationConfiguration(bucket, CONFIGURATION);
        store().putPolicy(bucket, POLICY);
        assertThat(store().delete(bucket)).isTrue();
        assertThat(store().find(bucket.name())).isEmpty();

        store().create(bucket);
        assertThat(store().find(bucket.name())).as("created again with the same name and time")
                .contains(new BucketState(bucket, NotificationConfiguration.empty(), 0, null));
    }

    @Test
    void storesReplacesAndDeletesThePolicyBesideTheConfiguration() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);
        store().putNotificationConfiguration(bucket, CONFIGURATION);

        assertThat(store().putPolicy(bucket, POLICY)).isTrue();
        assertThat(store().find(bucket.name())).as("a policy leaves the configuration and its version as they were")
                .contains(new BucketState(bucket, CONFIGURATION, 1, POLICY));
        assertThat(store().putPolicy(bucket, POLICY.replace("*", "s3:*"))).isTrue();
        assertThat(store().find(bucket.name()).orElseThrow().policy()).isEqualTo(POLICY.replace("*", "s3:*"));

        store().putNotificationConfiguration(bucket, NotificationConfiguration.empty());
        assertThat(store().find(bucket.name())).as("a configuration leaves the policy as it was")
                .contains(new BucketState(bucket, NotificationConfiguration.empty(), 2, POLICY.replace("*", "s3:*")));

        assertThat(store().deletePolicy(bucket)).isTrue();
        assertThat(store().find(bucket.name())).contains(new BucketState(bucket, NotificationConfiguration.empty(), 2, null));
        assertThat(store().deletePolicy(bucket)).as("deleting no policy succeeds").isTrue();
    }

    @Test
    void aPolicyIsNeverWrittenToADeletedOrRecreatedBucketAndDiesWithItsBucket() {
        Bucket bucket = newBucket(OWNER);
        store().create(bucket);
        store().putPolicy(bucket, POLICY);
        assertThat(store().delete(bucket)).isTrue();
        assertThat(store().putPolicy(bucket, POLICY)).isFalse();
        assertThat(store().deletePolicy(bucket)).isFalse();
        assertThat(store().find(bucket.name())).isEmpty();

        store().create(recreated(bucket));
        assertThat(store().find(bucket.name()).orElseThrow().policy()).as("the old bucket's policy is gone").isNull();
        assertThat(store().putPolicy(bucket, POLICY)).isFalse();
        assertThat(store().find(bucket.name()).orElseThrow().policy()).isNull();
    }

    @Test
    void listsTheBucketsAnAccountOwnsByName() {
        String owner = "1111" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        Bucket b = new Bucket(prefix + "-b", owner, "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
        Bucket a = new Bucket(prefix + "-a", owner, "eu-west-1", Instant.parse("2026-01-02T00:00:00.5Z"));
        Bucket c = new Bucket(prefix + "-c", owner, "us-east-1", Instant.parse("2025-12-31T00:00:00Z"));
        store().create(b);
        store().create(a);
        store().create(c);
        store().create(newBucket("2222" + owner.substring(4)));
        store().putNotificationConfiguration(a, CONFIGURATION);
        store().putPolicy(c, POLICY);

        assertThat(store().listOwnedBy(owner)).containsExactly(a, b, c);
        store().delete(b);
        assertThat(store().listOwnedBy(owner)).containsExactly(a, c);
        assertThat(store().listOwnedBy("3333" + owner.substring(4))).isEmpty();
    }
}
