package dev.s3notifications.dynamodb;

import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealth;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.fanout.Undelivered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Destinations' health in the deliveries table, one item per bucket and destination, keyed
 * {@code destination/<bucket>/<service> <address>}: the counts are added to ({@code ADD}), so containers writing at
 * once never undo each other. An item nobody writes for {@link #KEPT} expires (a bucket deleted long ago, a
 * destination no longer used); one the bucket's configuration dropped is deleted at once ({@link #forget}).
 */
public final class DynamoDbDestinationHealthLog implements DestinationHealthLog {
    static final String ID = DynamoDbDeliveryLog.ID;
    private static final String PREFIX = "destination/";
    static final Duration KEPT = Duration.ofDays(90);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public DynamoDbDestinationHealthLog(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    static String id(String bucket, Destination destination) {
        return PREFIX + bucket + "/" + destination;
    }

    @Override
    public void record(List<Change> changes) {
        String expiresAt = Long.toString(clock.instant().plus(KEPT).getEpochSecond());
        DynamoDbCalls.run(() -> {
            for (Change change : changes) {
                Map<String, AttributeValue> values = new HashMap<>();
                List<String> set = new ArrayList<>(List.of("#expiresAt = :expiresAt"));
                values.put(":expiresAt", AttributeValue.fromN(expiresAt));
                values.put(":delivered", AttributeValue.fromN(Long.toString(change.delivered())));
                values.put(":failed", AttributeValue.fromN(Long.toString(change.failed())));
                if (change.lastSuccess() != null) {
                    set.add("lastSuccess = :lastSuccess");
                    values.put(":lastSuccess", AttributeValue.fromS(change.lastSuccess().toString()));
                }
                if (change.lastFailure() != null) {
                    set.add("lastFailure = :lastFailure, failureCode = :code, failureMessage = :message");
                    values.put(":lastFailure", AttributeValue.fromS(change.lastFailure().toString()));
                    values.put(":code", AttributeValue.fromS(change.lastCause().code()));
                    values.put(":message", AttributeValue.fromS(String.valueOf(change.lastCause().message())));
                }
                if (change.failingSince() != null) {
                    set.add("failingSince = if_not_exists(failingSince, :failingSince)");
                    values.put(":failingSince", AttributeValue.fromS(change.failingSince().toString()));
                }
                String update = "SET " + String.join(", ", set) + " ADD delivered :delivered, failed :failed"
                        + (change.failingSince() == null ? " REMOVE failingSince" : "");
                dynamoDb.updateItem(b -> b.tableName(tableName)
                        .key(Map.of(ID, AttributeValue.fromS(id(change.bucket(), change.destination()))))
                        .updateExpression(update).expressionAttributeNames(Map.of("#expiresAt", DynamoDbDeliveryLog.EXPIRES_AT))
                        .expressionAttributeValues(values));
            }
        });
    }

    @Override
    public Map<Destination, DestinationHealth> read(String bucket, Collection<Destination> destinations) {
        Map<String, Destination> byId = new HashMap<>();
        destinations.forEach(destination -> byId.put(id(bucket, destination), destination));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : byId.keySet()) {
            keys.add(Map.of(ID, AttributeValue.fromS(id)));
        }
        Map<Destination, DestinationHealth> found = new HashMap<>();
        DynamoDbCalls.batchGet(dynamoDb, tableName, keys, item -> {
            Destination destination = byId.get(item.get(ID).s());
            found.put(destination, health(bucket, destination, item));
        });
        return found;
    }

    @Override
    public void forget(String bucket, Collection<Destination> destinations) {
        List<WriteRequest> deletes = new ArrayList<>();
        destinations.forEach(destination -> deletes.add(WriteRequest.builder()
                .deleteRequest(d -> d.key(Map.of(ID, AttributeValue.fromS(id(bucket, destination))))).build()));
        DynamoDbCalls.batchWrite(dynamoDb, tableName, deletes);
    }

    private static DestinationHealth health(String bucket, Destination destination, Map<String, AttributeValue> item) {
        AttributeValue code = item.get("failureCode");
        return new DestinationHealth(bucket, destination, instant(item, "lastSuccess"), instant(item, "lastFailure"),
                code == null ? null : new Undelivered.Cause(code.s(), item.get("failureMessage").s()),
                number(item, "delivered"), number(item, "failed"), instant(item, "failingSince"));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.parse(value.s());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
