package dev.s3notifications.dynamodb;

import dev.s3notifications.fanout.DeliveryLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fan-out's {@link DeliveryLog} in the deliveries table: one item per queue message that failed in part, keyed
 * {@code message/<message id>}, holding the set of deliveries made. Items expire with DynamoDB's time to live a while after the queue
 * can last have handed the message out, so the table holds only messages still in flight. Reads are one
 * {@code BatchGetItem} per 100 redelivered messages; writes one {@code UpdateItem} per failed message, which adds to
 * the set, so concurrent retries never erase each other's deliveries.
 */
public final class DynamoDbDeliveryLog implements DeliveryLog {
    /** The table's key; an item's kind is the start of its value ({@code message/...}). */
    static final String ID = "id";
    private static final String MESSAGE = "message/";
    static final String DELIVERIES = "deliveries";
    /** Epoch seconds after which DynamoDB deletes the item (the table's time-to-live attribute). */
    static final String EXPIRES_AT = "expiresAt";
    /** Longer than a message stays in the object-events queue (4 days in template.yaml). */
    static final Duration KEPT = Duration.ofDays(5);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public DynamoDbDeliveryLog(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public Map<String, Set<String>> delivered(Collection<String> messageIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : messageIds) {
            keys.add(Map.of(ID, AttributeValue.fromS(MESSAGE + id)));
        }
        Map<String, Set<String>> delivered = new HashMap<>();
        DynamoDbCalls.batchGet(dynamoDb, tableName, keys, item -> {
            AttributeValue set = item.get(DELIVERIES);
            if (set != null && set.hasSs()) {
                delivered.put(item.get(ID).s().substring(MESSAGE.length()), Set.copyOf(set.ss()));
            }
        });
        return delivered;
    }

    @Override
    public void record(Map<String, Set<String>> deliveredByMessage) {
        String expiresAt = Long.toString(clock.instant().plus(KEPT).getEpochSecond());
        DynamoDbCalls.run(() -> deliveredByMessage.forEach((messageId, deliveries) -> {
            if (deliveries.isEmpty()) {
                return;
            }
            dynamoDb.updateItem(b -> b.tableName(tableName).key(Map.of(ID, AttributeValue.fromS(MESSAGE + messageId)))
                    .updateExpression("ADD #deliveries :deliveries SET #expiresAt = :expiresAt")
                    .expressionAttributeNames(Map.of("#deliveries", DELIVERIES, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":deliveries", AttributeValue.fromSs(List.copyOf(deliveries)),
                            ":expiresAt", AttributeValue.fromN(expiresAt))));
        }));
    }
}
