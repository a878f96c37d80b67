package dev.s3notifications.dynamodb;

import dev.s3notifications.store.DependencyUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** What every DynamoDB adapter does the same way: how a failed call is reported, batched reads and writes. */
final class DynamoDbCalls {
    /** BatchGetItem's limit. */
    private static final int MAX_KEYS_PER_READ = 100;
    /** BatchWriteItem's limit. */
    private static final int MAX_WRITES_PER_CALL = 25;
    /** How often a batch call is made for what DynamoDB left unprocessed under load. */
    private static final int BATCH_ATTEMPTS = 3;

    private DynamoDbCalls() {
    }

    /**
     * Runs DynamoDB calls; failures that are not the caller's (throttling, 5xx, network) become retryable
     * ({@link DependencyUnavailableException}). A failed condition stays what it is: the caller's answer.
     */
    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("DynamoDB: " + e.getMessage(), e);
        }
    }

    /** {@link #call} for calls whose answers the caller does not need. */
    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    /**
     * The items of {@code tableName} that have the given keys, strongly consistent: one {@code BatchGetItem} per 100
     * keys, each asking again a few times for the keys DynamoDB left unprocessed. Each item found goes to
     * {@code found}; a key without an item gives nothing.
     */
    static void batchGet(DynamoDbClient dynamoDb, String tableName, List<Map<String, AttributeValue>> keys,
            Consumer<Map<String, AttributeValue>> found) {
        run(() -> {
            for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_READ) {
                Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                        .keys(keys.subList(from, Math.min(from + MAX_KEYS_PER_READ, keys.size()))).consistentRead(true)
                        .build());
                for (int attempt = 0; attempt < BATCH_ATTEMPTS && !request.isEmpty(); attempt++) {
                    Map<String, KeysAndAttributes> asked = request;
                    var response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                    response.responses().getOrDefault(tableName, List.of()).forEach(found);
                    request = response.unprocessedKeys();
                }
            }
        });
    }

    /**
     * Makes {@code writes} to {@code tableName}: one {@code BatchWriteItem} per 25, each made again a few times for
     * what DynamoDB left unprocessed.
     */
    static void batchWrite(DynamoDbClient dynamoDb, String tableName, List<WriteRequest> writes) {
        run(() -> {
            for (int from = 0; from < writes.size(); from += MAX_WRITES_PER_CALL) {
                Map<String, List<WriteRequest>> request = Map.of(tableName,
                        writes.subList(from, Math.min(from + MAX_WRITES_PER_CALL, writes.size())));
                for (int attempt = 0; attempt < BATCH_ATTEMPTS && !request.isEmpty(); attempt++) {
                    Map<String, List<WriteRequest>> asked = request;
                    request = dynamoDb.batchWriteItem(b -> b.requestItems(asked)).unprocessedItems();
                }
            }
        });
    }
}
