package dev.s3notifications.dynamodb;

import static dev.s3notifications.dynamodb.DynamoDbCalls.call;
import static dev.s3notifications.dynamodb.DynamoDbCalls.run;

import dev.s3notifications.message.S3Time;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.DependencyUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Buckets in one DynamoDB table, one item per bucket: owner, region, creation time, the canonical notification
 * configuration with its version, and the bucket policy. A configuration or a policy is one attribute of the
 * bucket's item, so every write of it is a single conditional item write: readers see the old document or the new
 * one, never a mix, and neither can outlive (or survive the re-creation of) its bucket.
 */
public final class DynamoDbBucketStore implements BucketStore {
    static final String BUCKET = "bucket";
    static final String OWNER = "owner";
    static final String REGION = "region";
    static final String CREATED_AT = "createdAt";
    static final String CONFIGURATION = "notificationConfiguration";
    static final String VERSION = "configurationVersion";
    static final String POLICY = "policy";
    public static final String OWNER_INDEX = "owner-index";

    /** The condition that the item is still the bucket that was read: same owner, same creation. */
    private static final String SAME_BUCKET = "attribute_exists(#bucket) AND #owner = :owner AND #createdAt = :createdAt";
    private static final Map<String, String> SAME_BUCKET_NAMES =
            Map.of("#bucket", BUCKET, "#owner", OWNER, "#createdAt", CREATED_AT);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbBucketStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<BucketState> find(String bucketName) {
        var response = call(() -> dynamoDb.getItem(b -> b.tableName(tableName).key(key(bucketName)).consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(state(response.item()));
    }

    /**
     * DynamoDB's answer to a {@code GetItem} of the bucket in {@code state}: the item this store's writes leave for
     * it ({@link #item}), in the JSON of DynamoDB's API. Init priming rehearses the fan-out's read with it
     * (HttpRehearsal), so that the SDK decodes and {@link #find} reads what a real read returns.
     */
    public static String getItemAnswer(BucketState state) {
        return ItemJson.getItemResponse(item(state));
    }

    /**
     * The item of a bucket in {@code state}, as {@link #create}, {@link #putNotificationConfiguration} and
     * {@link #putPolicy} write it: what {@link #state} reads back.
     */
    static Map<String, AttributeValue> item(BucketState state) {
        Map<String, AttributeValue> item = bucketItem(state.bucket());
        if (state.configurationVersion() > 0) {
            item.put(CONFIGURATION, ConfigurationAttributes.write(state.notificationConfiguration()));
            item.put(VERSION, AttributeValue.fromN(Long.toString(state.configurationVersion())));
        }
        if (state.policy() != null) {
            item.put(POLICY, s(state.policy()));
        }
        return item;
    }

    private static BucketState state(Map<String, AttributeValue> item) {
        AttributeValue configuration = item.get(CONFIGURATION);
        AttributeValue version = item.get(VERSION);
        AttributeValue policy = item.get(POLICY);
        return new BucketState(bucket(item),
                configuration == null ? NotificationConfiguration.empty() : ConfigurationAttributes.read(configuration),
                version == null ? 0 : Long.parseLong(version.n()), policy == null ? null : policy.s());
    }

    @Override
    public Optional<Bucket> create(Bucket bucket) {
        Map<String, AttributeValue> item = bucketItem(bucket);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                call(() -> dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(#bucket)")
                        .expressionAttributeNames(Map.of("#bucket", BUCKET))));
                return Optional.empty();
            } catch (ConditionalCheckFailedException taken) {
                Optional<BucketState> existing = find(bucket.name());
                if (existing.isPresent()) {
                    return Optional.of(existing.get().bucket());
                }
                // deleted between our write and our read: try to create it again
            }
        }
        throw new DependencyUnavailableException("bucket " + bucket.name() + " is being created and deleted concurrently", null);
    }

    @Override
    public boolean delete(Bucket bucket) {
        try {
            call(() -> dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(bucket.name()))
                    .conditionExpression(SAME_BUCKET).expressionAttributeNames(SAME_BUCKET_NAMES)
                    .expressionAttributeValues(sameBucketValues(bucket))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    @Override
    public List<Bucket> listOwnedBy(String accountId) {
        List<Bucket> buckets = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(tableName).indexName(OWNER_INDEX)
                .keyConditionExpression("#owner = :owner")
                .expressionAttributeNames(Map.of("#owner", OWNER))
                .expressionAttributeValues(Map.of(":owner", s(accountId)))
                .build();
        run(() -> dynamoDb.queryPaginator(query).items().forEach(item -> buckets.add(bucket(item))));
        return buckets;
    }

    @Override
    public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
        Map<String, String> names = new HashMap<>(SAME_BUCKET_NAMES);
        names.put("#configuration", CONFIGURATION);
        names.put("#version", VERSION);
        Map<String, AttributeValue> values = new HashMap<>(sameBucketValues(bucket));
        values.put(":configuration", ConfigurationAttributes.write(configuration));
        values.put(":one", AttributeValue.fromN("1"));
        try {
            call(() -> dynamoDb.updateItem(b -> b.tableName(tableName).key(key(bucket.name()))
                    .updateExpression("SET #configuration = :configuration ADD #version :one")
                    .conditionExpression(SAME_BUCKET)
                    .expressionAttributeNames(names).expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    @Override
    public boolean putPolicy(Bucket bucket, String policy) {
        Map<String, String> names = new HashMap<>(SAME_BUCKET_NAMES);
        names.put("#policy", POLICY);
        Map<String, AttributeValue> values = new HashMap<>(sameBucketValues(bucket));
        values.put(":policy", s(policy));
        return updateSameBucket(bucket, "SET #policy = :policy", names, values);
    }

    @Override
    public boolean deletePolicy(Bucket bucket) {
        Map<String, String> names = new HashMap<>(SAME_BUCKET_NAMES);
        names.put("#policy", POLICY);
        return updateSameBucket(bucket, "REMOVE #policy", names, sameBucketValues(bucket));
    }

    private boolean updateSameBucket(Bucket bucket, String update, Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            call(() -> dynamoDb.updateItem(b -> b.tableName(tableName).key(key(bucket.name()))
                    .updateExpression(update).conditionExpression(SAME_BUCKET)
                    .expressionAttributeNames(names).expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String bucketName) {
        return Map.of(BUCKET, s(bucketName));
    }

    /** A new bucket's item: the bucket alone, without configuration or policy. */
    private static Map<String, AttributeValue> bucketItem(Bucket bucket) {
        Map<String, AttributeValue> item = new HashMap<>(key(bucket.name()));
        item.put(OWNER, s(bucket.ownerAccountId()));
        item.put(REGION, s(bucket.region()));
        item.put(CREATED_AT, s(S3Time.format(bucket.creationDate())));
        return item;
    }

    private static Map<String, AttributeValue> sameBucketValues(Bucket bucket) {
        return Map.of(":owner", s(bucket.ownerAccountId()), ":createdAt", s(S3Time.format(bucket.creationDate())));
    }

    private static Bucket bucket(Map<String, AttributeValue> item) {
        return new Bucket(item.get(BUCKET).s(), item.get(OWNER).s(), item.get(REGION).s(),
                Instant.parse(item.get(CREATED_AT).s()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** The canonical configuration as a DynamoDB map, readable in the console. */
    static final class ConfigurationAttributes {
        private ConfigurationAttributes() {
        }

        static AttributeValue write(NotificationConfiguration configuration) {
            List<AttributeValue> destinations = new ArrayList<>();
            for (DestinationConfiguration d : configuration.destinations()) {
                Map<String, AttributeValue> m = new HashMap<>();
                m.put("type", s(d.type().name()));
                m.put("id", s(d.id()));
                m.put("arn", s(d.arn()));
                m.put("events", AttributeValue.fromL(d.events().stream().map(DynamoDbBucketStore::s).toList()));
                if (d.hasFilter()) {
                    m.put("filterRules", AttributeValue.fromL(d.filterRules().stream()
                            .map(r -> AttributeValue.fromM(Map.of("name", s(r.name()), "value", s(r.value())))).toList()));
                }
                if (d.invocationRole() != null) {
                    m.put("invocationRole", s(d.invocationRole()));
                }
                destinations.add(AttributeValue.fromM(m));
            }
            return AttributeValue.fromM(Map.of(
                    "destinations", AttributeValue.fromL(destinations),
                    "eventBridge", AttributeValue.fromBool(configuration.eventBridgeEnabled())));
        }

        static NotificationConfiguration read(AttributeValue value) {
            Map<String, AttributeValue> m = value.m();
            List<DestinationConfiguration> destinations = new ArrayList<>();
            for (AttributeValue entry : m.get("destinations").l()) {
                Map<String, AttributeValue> d = entry.m();
                AttributeValue rules = d.get("filterRules");
                AttributeValue role = d.get("invocationRole");
                destinations.add(new DestinationConfiguration(
                        DestinationType.valueOf(d.get("type").s()), d.get("id").s(), d.get("arn").s(),
                        d.get("events").l().stream().map(AttributeValue::s).toList(),
                        rules == null ? null : rules.l().stream()
                                .map(r -> new FilterRule(r.m().get("name").s(), r.m().get("value").s())).toList(),
                        role == null ? null : role.s()));
            }
            return new NotificationConfiguration(destinations, m.get("eventBridge").bool());
        }
    }
}
