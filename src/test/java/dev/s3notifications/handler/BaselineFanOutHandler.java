package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The cold-start benchmark's baseline for the fan-out function: the same fan-out, built as the function builds it
 * (its delivery log, the destinations' health and its metrics), with SDK clients from {@code create()} (default HTTP
 * client, region and credential discovery), the runtime's POJO serialization of the events, and nothing primed. Not
 * in the zip.
 */
public final class BaselineFanOutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FanOutHandler delegate;

    public BaselineFanOutHandler() {
        Settings settings = Settings.fromEnvironment();
        Wiring.Stores stores = Wiring.Stores.dynamoDb(settings, DynamoDbClient.create());
        delegate = new FanOutHandler(Wiring.fanOut(settings, stores.buckets(),
                Wiring.publisher(settings, SnsClient.create()), stores.deliveryLog(),
                Wiring.listeners(stores.health(), Wiring.metrics(settings), Clock.systemUTC())));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return delegate.handleRequest(event, context);
    }
}
