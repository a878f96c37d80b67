package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.event.ObjectEventFanOut;
import dev.s3notifications.event.ObjectEventFanOut.QueuedMessage;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.util.List;

/**
 * The fan-out function: a batch of the object-events queue in, S3 event messages out to SNS; the messages that
 * failed are reported as batch item failures, so the event source mapping
 * ({@code FunctionResponseTypes: [ReportBatchItemFailures]}) deletes only the others.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting">Batch item failures</a>
 */
public final class ObjectEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ObjectEventFanOut fanOut;

    public ObjectEventHandler() {
        this(Settings.fromEnvironment());
    }

    public ObjectEventHandler(Settings settings) {
        this(Wiring.fanOut(settings));
    }

    /** With its collaborators given: for tests, the benchmark and the local stack. */
    public ObjectEventHandler(ObjectEventFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<QueuedMessage> messages = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(m -> new QueuedMessage(m.getMessageId(), m.getBody())).toList();
        return new SQSBatchResponse(fanOut.deliver(messages).stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
