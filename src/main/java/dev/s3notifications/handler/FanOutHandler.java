package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.fanout.FanOut.QueuedMessage;
import dev.s3notifications.fanout.FanOut;
import dev.s3notifications.priming.FanOutPriming;
import dev.s3notifications.wiring.InitThread;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * The fan-out function: a batch of the object-events queue in, S3 event messages out to the buckets' topics, queues,
 * functions and EventBridge bus; the messages that
 * failed are reported as batch item failures, so the event source mapping
 * ({@code FunctionResponseTypes: [ReportBatchItemFailures]}) deletes only the others. It primes itself
 * ({@link FanOutPriming}) at init, unless told not to, and before a SnapStart snapshot. Lambda calls it as a stream
 * handler ({@link LambdaEventJson}); tests call {@link #handleRequest(SQSEvent, Context)}.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting">Batch item failures</a>
 */
public final class FanOutHandler implements RequestStreamHandler {
    private final FanOut fanOut;
    private final FanOutPriming priming; // org.crac holds registered resources weakly; null where nothing primes

    /** Lambda's constructor: wires the function from its environment and primes it before the first batch. */
    public FanOutHandler() {
        this(Settings.fromEnvironment());
    }

    /** Wires the function from {@code settings} and primes it unless told not to (the local stack runs it this way too). */
    public FanOutHandler(Settings settings) {
        this(settings, () -> Wiring.fanOutFunction(settings));
    }

    /**
     * Wires the function from {@code settings} over the stores given, and primes it unless told not to: the local
     * stack's in-memory stores, which its API function shares.
     */
    public FanOutHandler(Settings settings, Wiring.Stores stores) {
        this(settings, () -> Wiring.fanOutFunction(settings, stores));
    }

    private FanOutHandler(Settings settings, Supplier<Wiring.FanOutFunction> wiring) {
        // Priming's local run needs nothing of the function: it runs while the function is wired, where that overlaps.
        // Where it does not, priming's network run goes the same way on this thread, so a local run would add nothing.
        InitThread<Integer> local = settings.primeAtInit() && InitThread.OVERLAPS
                ? FanOutPriming.startAtInit(settings, requestPath()) : null;
        Wiring.FanOutFunction wired = wiring.get();
        this.fanOut = wired.fanOut();
        this.priming = new FanOutPriming(wired.store(), wired.publisher(), wired.health(), settings, requestPath());
        Core.getGlobalContext().register(priming);
        if (local != null) {
            priming.primeAtInit(local);
        } else if (settings.primeAtInit()) {
            priming.primeAtInit();
        }
    }

    /** With its collaborators given, unprimed: for tests, the benchmarks, the local stack and priming. */
    public FanOutHandler(FanOut fanOut) {
        this.fanOut = fanOut;
        this.priming = null;
    }

    /** What primes this function at init and before a SnapStart snapshot; null for a handler built unprimed. */
    FanOutPriming priming() {
        return priming;
    }

    /** The request path init priming sends its sample batch through: any fan-out behind this handler, JSON in and out. */
    public static FanOutPriming.RequestPath requestPath() {
        return (fanOut, eventJson) -> {
            ByteArrayOutputStream response = new ByteArrayOutputStream(256);
            try {
                new FanOutHandler(fanOut).handleRequest(new ByteArrayInputStream(eventJson), response, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return response.toByteArray();
        };
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEventJson.writeSqsBatchResponse(handleRequest(LambdaEventJson.readSqsEvent(input), context), output);
    }

    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<QueuedMessage> messages = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(m -> new QueuedMessage(m.getMessageId(), m.getBody(), receiveCount(m))).toList();
        return new SQSBatchResponse(fanOut.deliver(messages).stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    /** How often the queue has handed the message out; 1 when the event does not say (a hand-made event). */
    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
