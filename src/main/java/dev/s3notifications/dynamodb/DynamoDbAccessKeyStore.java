package dev.s3notifications.dynamodb;

import static dev.s3notifications.dynamodb.DynamoDbCalls.call;
import static dev.s3notifications.dynamodb.DynamoDbCalls.run;

import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Access keys in a DynamoDB table, one item per key: {@code accessKeyId} (the partition key), its secret, the
 * account and principal it acts for, whether it is enabled, and when it was created. The API function only reads
 * ({@link #find}); the admin command writes. The table is encrypted at rest (template.yaml).
 */
public final class DynamoDbAccessKeyStore implements AccessKeyRegistry {
    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String SECRET = "secretAccessKey";
    static final String ACCOUNT = "accountId";
    static final String PRINCIPAL = "principalArn";
    static final String ENABLED = "enabled";
    static final String CREATED_AT = "createdAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbAccessKeyStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** A strongly consistent read, so that a key disabled a moment ago is seen disabled (caches aside). */
    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        var response = call(() -> dynamoDb.getItem(b -> b.tableName(tableName)
                .key(Map.of(ACCESS_KEY_ID, AttributeValue.fromS(accessKeyId))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(accessKey(response.item())) : Optional.empty();
    }

    @Override
    public boolean create(AccessKey key, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ACCESS_KEY_ID, AttributeValue.fromS(key.accessKeyId()));
        item.put(SECRET, AttributeValue.fromS(key.secretAccessKey()));
        item.put(ACCOUNT, AttributeValue.fromS(key.accountId()));
        item.put(PRINCIPAL, AttributeValue.fromS(key.principalArn()));
        item.put(ENABLED, AttributeValue.fromBool(key.enabled()));
        item.put(CREATED_AT, AttributeValue.fromS(createdAt.toString()));
        try {
            call(() -> dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ACCESS_KEY_ID))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public boolean setEnabled(String accessKeyId, boolean enabled) {
        try {
            call(() -> dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of(ACCESS_KEY_ID, AttributeValue.fromS(accessKeyId)))
                    .updateExpression("SET #enabled = :enabled")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#enabled", ENABLED, "#id", ACCESS_KEY_ID))
                    .expressionAttributeValues(Map.of(":enabled", AttributeValue.fromBool(enabled)))));
            return true;
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
    }

    @Override
    public boolean delete(String accessKeyId) {
        try {
            call(() -> dynamoDb.deleteItem(b -> b.tableName(tableName)
                    .key(Map.of(ACCESS_KEY_ID, AttributeValue.fromS(accessKeyId)))
                    .conditionExpression("attribute_exists(#id)").expressionAttributeNames(Map.of("#id", ACCESS_KEY_ID))));
            return true;
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
    }

    @Override
    public List<AccessKey> list() {
        List<AccessKey> keys = new ArrayList<>();
        run(() -> dynamoDb.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items()
                .forEach(item -> keys.add(accessKey(item))));
        keys.sort(Comparator.comparing(AccessKey::accountId).thenComparing(AccessKey::accessKeyId));
        return keys;
    }

    private static AccessKey accessKey(Map<String, AttributeValue> item) {
        AttributeValue enabled = item.get(ENABLED);
        return new AccessKey(item.get(ACCESS_KEY_ID).s(), item.get(SECRET).s(), item.get(ACCOUNT).s(),
                item.get(PRINCIPAL).s(), enabled != null && Boolean.TRUE.equals(enabled.bool()));
    }
}
