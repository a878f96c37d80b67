package dev.s3notifications.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.BucketStoreContract;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SentRequests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The bucket store contract against moto's DynamoDB, and what the contract cannot show there: moto differs from
 * DynamoDB where docs/testing.md says, so the requests themselves are checked (every write is one conditional
 * request, every read strongly consistent) and the owner index is read page by page.
 */
class DynamoDbBucketStoreIT extends BucketStoreContract {
    private static final SentRequests REQUESTS = new SentRequests();
    private static DynamoDbClient client;
    private static String table;
    private static DynamoDbBucketStore store;

    @BeforeAll
    static void createTable() {
        client = AwsTestClients.dynamoDb(MotoServer.shared().endpoint(), REQUESTS);
        table = "buckets-" + UUID.randomUUID();
        DynamoDbTables.createBuckets(client, table);
        store = new DynamoDbBucketStore(client, table);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void forgetRequests() {
        REQUESTS.clear();
    }

    @Override
    protected BucketStore store() {
        return store;
    }

    private static Bucket newBucket() {
        return new Bucket("bucket-" + UUID.randomUUID(), "123456789012", "us-east-1", Instant.parse("2026-11-22T10:00:00.123Z"));
    }

    /**
     * DynamoDB applies one conditional request to an item atomically, whatever else is written to it at the same
     * time; moto does not promise that (docs/testing.md). So each write must be that one request, condition included.
     */
    @Test
    void everyWriteOfABucketIsOneConditionalRequestOnItsItem() {
        Bucket bucket = newBucket();
        store.create(bucket);
        store.putNotificationConfiguration(bucket, CONFIGURATION);
        store.putPolicy(bucket, "{}");
        store.deletePolicy(bucket);
        store.delete(bucket);

        List<SdkRequest> writes = REQUESTS.list().stream().filter(r -> !(r instanceof GetItemRequest)).toList();
        assertThat(writes).hasSize(5);
        assertThat(((PutItemRequest) writes.get(0)).conditionExpression()).isEqualTo("attribute_not_exists(#bucket)");
        String sameBucket = "attribute_exists(#bucket) AND #owner = :owner AND #createdAt = :createdAt";
        for (SdkRequest write : writes.subList(1, 4)) {
            UpdateItemRequest update = (UpdateItemRequest) write;
            assertThat(update.key()).isEqualTo(Map.of("bucket", AttributeValue.fromS(bucket.name())));
            assertThat(update.conditionExpression()).isEqualTo(sameBucket);
        }
        assertThat(((UpdateItemRequest) writes.get(1)).updateExpression())
                .as("the configuration and its version in one update").isEqualTo("SET #configuration = :configuration ADD #version :one");
        assertThat(((DeleteItemRequest) writes.get(4)).conditionExpression()).isEqualTo(sameBucket);
    }

    /** What the store says a bucket's item is (the rehearsal's GetItem answer) is what its writes leave in the table. */
    @Test
    void theItemOfABucketsStateIsTheItemItsWritesLeave() {
        Bucket bucket = newBucket();
        store.create(bucket);
        store.putNotificationConfiguration(bucket, CONFIGURATION);
        store.putNotificationConfiguration(bucket, CONFIGURATION);
        store.putPolicy(bucket, "{}");

        var written = client.getItem(b -> b.tableName(table).key(Map.of("bucket", AttributeValue.fromS(bucket.name())))
                .consistentRead(true)).item();
        assertThat(written).isEqualTo(DynamoDbBucketStore.item(store.find(bucket.name()).orElseThrow()));
    }

    /** moto's reads are always consistent, DynamoDB's only when asked (docs/testing.md). */
    @Test
    void readsABucketWithAStronglyConsistentRead() {
        store.find(newBucket().name());
        assertThat(REQUESTS.list()).singleElement().isInstanceOfSatisfying(GetItemRequest.class,
                get -> assertThat(get.consistentRead()).isTrue());
    }

    /**
     * DynamoDB pages a Query at 1 MB, which an account's bucket list never reaches in a test; with a page size of
     * one the listing must still follow every page, in the index's order.
     */
    @Test
    void listsEveryPageOfTheOwnerIndex() {
        String owner = "4444" + UUID.randomUUID().toString().substring(0, 8);
        List<Bucket> buckets = List.of(
                new Bucket("a-" + owner, owner, "us-east-1", Instant.parse("2026-01-01T00:00:00Z")),
                new Bucket("b-" + owner, owner, "us-east-1", Instant.parse("2026-01-01T00:00:00Z")),
                new Bucket("c-" + owner, owner, "us-east-1", Instant.parse("2026-01-01T00:00:00Z")));
        buckets.reversed().forEach(store::create);
        try (DynamoDbClient paging = AwsTestClients.dynamoDb(MotoServer.shared().endpoint(), REQUESTS, new PageSizeOne())) {
            REQUESTS.clear();
            assertThat(new DynamoDbBucketStore(paging, table).listOwnedBy(owner)).containsExactlyElementsOf(buckets);
        }
        assertThat(REQUESTS.list()).as("a Query per page of one").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(query -> assertThat(((QueryRequest) query).consistentRead())
                        .as("DynamoDB refuses consistent reads of a global secondary index").isNotEqualTo(Boolean.TRUE));
    }

    /** Sets {@code Limit: 1} on every Query, so that DynamoDB (or moto) answers one item per page. */
    private static final class PageSizeOne implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return context.request() instanceof QueryRequest query ? query.toBuilder().limit(1).build() : context.request();
        }
    }

    /** The listing reads only what the index holds: its keys and the two attributes it includes, as template.yaml declares. */
    @Test
    void theOwnerIndexIncludesTheAttributesTheListingReads() {
        var index = client.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().get(0);
        assertThat(index.indexName()).isEqualTo(DynamoDbBucketStore.OWNER_INDEX);
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(index.projection().nonKeyAttributes()).containsExactlyInAnyOrder("region", "createdAt");
    }
}
