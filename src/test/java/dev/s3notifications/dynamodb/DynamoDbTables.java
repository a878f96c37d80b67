package dev.s3notifications.dynamodb;

import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The functions' tables as template.yaml declares them (on demand, a string partition key each), made on an emulator
 * or an account for the local stack and the tests; in Lambda, CloudFormation makes them. Each call returns once the
 * table is active.
 */
public final class DynamoDbTables {
    private DynamoDbTables() {
    }

    /** The buckets table of {@link DynamoDbBucketStore}, with its owner index. */
    public static void createBuckets(DynamoDbClient dynamoDb, String tableName) {
        create(dynamoDb, tableName, DynamoDbBucketStore.BUCKET, b -> b
                .attributeDefinitions(string(DynamoDbBucketStore.BUCKET), string(DynamoDbBucketStore.OWNER))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(DynamoDbBucketStore.OWNER_INDEX)
                        .keySchema(key(DynamoDbBucketStore.OWNER, KeyType.HASH), key(DynamoDbBucketStore.BUCKET, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(DynamoDbBucketStore.REGION, DynamoDbBucketStore.CREATED_AT).build())
                        .build()));
    }

    /** The access-keys table of {@link DynamoDbAccessKeyStore}, encrypted at rest. */
    public static void createAccessKeys(DynamoDbClient dynamoDb, String tableName) {
        create(dynamoDb, tableName, DynamoDbAccessKeyStore.ACCESS_KEY_ID, b -> b
                .attributeDefinitions(string(DynamoDbAccessKeyStore.ACCESS_KEY_ID))
                .sseSpecification(SSESpecification.builder().enabled(true).build()));
    }

    /**
     * The deliveries table of {@link DynamoDbDeliveryLog} and {@link DynamoDbDestinationHealthLog}, its time to live
     * turned on.
     */
    public static void createDeliveries(DynamoDbClient dynamoDb, String tableName) {
        create(dynamoDb, tableName, DynamoDbDeliveryLog.ID, b -> b.attributeDefinitions(string(DynamoDbDeliveryLog.ID)));
        dynamoDb.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(DynamoDbDeliveryLog.EXPIRES_AT).enabled(true)));
    }

    /** The local stack's: makes a table unless one of that name exists (an earlier run's, or the user's: used as it is). */
    public static void createUnlessExists(Runnable create) {
        try {
            create.run();
        } catch (ResourceInUseException exists) {
            // there already
        }
    }

    private static void create(DynamoDbClient dynamoDb, String tableName, String partitionKey,
            Consumer<CreateTableRequest.Builder> rest) {
        dynamoDb.createTable(b -> rest.accept(b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(partitionKey, KeyType.HASH))));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    private static AttributeDefinition string(String attribute) {
        return AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }
}
