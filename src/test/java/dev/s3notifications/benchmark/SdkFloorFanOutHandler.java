package dev.s3notifications.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.event.Notification;
import dev.s3notifications.sns.SnsDestinationVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/**
 * The fan-out benchmark's SDK floor: the AWS calls the fan-out makes for the same batches, made directly with the
 * same clients and nothing else. The messages come ready-made (what the fan-out published for each batch, recorded
 * in an earlier run), so there is no event reading, matching or rendering; on the first batch it reads every
 * bucket's item, as the fan-out's cold cache does, and then publishes each batch's messages grouped by topic in
 * {@code PublishBatch} requests of 10 entries, built as the fan-out's publisher builds them. Its CPU per delivered
 * event is what the SDK alone costs: a lower bound for the fan-out on these clients.
 */
final class SdkFloorFanOutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final int ENTRIES_PER_REQUEST = 10;

    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final String table;
    private final List<String> buckets;
    private final List<List<Notification>> publishedPerBatch;
    private int batch;

    /**
     * @param publishedPerBatch what the fan-out published for each batch, in the order the batches come
     */
    SdkFloorFanOutHandler(DynamoDbClient dynamoDb, SnsClient sns, String table, List<String> buckets,
            List<List<Notification>> publishedPerBatch) {
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.table = table;
        this.buckets = buckets;
        this.publishedPerBatch = publishedPerBatch;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (batch == 0) {
            for (String bucket : buckets) {
                dynamoDb.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("bucket", AttributeValue.fromS(bucket))));
            }
        }
        Map<String, List<Notification>> byTopic = new LinkedHashMap<>();
        for (Notification notification : publishedPerBatch.get(batch++)) {
            byTopic.computeIfAbsent(notification.topicArn(), topic -> new ArrayList<>()).add(notification);
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (Map.Entry<String, List<Notification>> topic : byTopic.entrySet()) {
            List<Notification> notifications = topic.getValue();
            for (int first = 0; first < notifications.size(); first += ENTRIES_PER_REQUEST) {
                List<PublishBatchRequestEntry> entries = new ArrayList<>(ENTRIES_PER_REQUEST);
                for (Notification n : notifications.subList(first, Math.min(first + ENTRIES_PER_REQUEST, notifications.size()))) {
                    entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                            .subject(SnsDestinationVerifier.SUBJECT).message(n.message()).build());
                }
                int offset = first;
                sns.publishBatch(b -> b.topicArn(topic.getKey()).publishBatchRequestEntries(entries)).failed().forEach(f ->
                        failures.add(new SQSBatchResponse.BatchItemFailure(notifications.get(offset + Integer.parseInt(f.id())).sourceMessageId())));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
