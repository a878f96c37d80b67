package dev.s3notifications.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.NotificationPublisher;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fan-out benchmark's SDK floor: the AWS calls the fan-out makes for the same batches, and nothing else. The
 * messages come ready-made (what the fan-out published for each batch, recorded in an earlier run), so there is no
 * event reading, matching or rendering; on the first batch it reads every bucket's item, as the fan-out's cold
 * cache does, and hands each batch's messages to the same publisher (our SNS adapter, which groups them by topic
 * into {@code PublishBatch} requests of 10). Its CPU per delivered event is what the SDK costs with that thin adapter
 * around it: a lower bound for the fan-out on these clients.
 */
final class SdkFloorFanOutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final DynamoDbClient dynamoDb;
    private final NotificationPublisher publisher;
    private final String table;
    private final List<String> buckets;
    private final List<List<Delivery>> publishedPerBatch;
    private int batch;

    /**
     * @param publishedPerBatch what the fan-out published for each batch, in the order the batches come
     */
    SdkFloorFanOutHandler(DynamoDbClient dynamoDb, NotificationPublisher publisher, String table, List<String> buckets,
            List<List<Delivery>> publishedPerBatch) {
        this.dynamoDb = dynamoDb;
        this.publisher = publisher;
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
        return new SQSBatchResponse(publisher.publish(publishedPerBatch.get(batch++)).stream()
                .map(undelivered -> new SQSBatchResponse.BatchItemFailure(undelivered.notification().origin().messageId())).toList());
    }
}
