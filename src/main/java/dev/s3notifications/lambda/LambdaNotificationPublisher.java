package dev.s3notifications.lambda;

import dev.s3notifications.aws.AwsErrors;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.RetryingDelivery.Attempt;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.fanout.Undelivered;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes Lambda functions as S3 does: asynchronously ({@code InvocationType=Event}), one invocation per event
 * message, the message as payload. Lambda's answer 202 means it has queued the event; from there retries, and the
 * function's own dead-letter queue or failure destination, are Lambda's, as they are for S3's invocations. Lambda's
 * Invoke API takes one event per call, so this costs one call per delivered event; a batch's invocations run
 * {@value #CONCURRENT_INVOCATIONS} at a time, so that a batch of 100 events waits for ten round trips, not a hundred.
 * Throttling and server errors are retried ({@link RetryingDelivery}); a function that does not exist, or that we
 * may not invoke, refuses.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html">Asynchronous invocation</a>
 */
public final class LambdaNotificationPublisher implements NotificationPublisher {
    static final int CONCURRENT_INVOCATIONS = 10;

    private final LambdaClient lambda;
    private final RetryingDelivery delivery;
    /** Daemon threads, started as the first batches need them and kept for the container's next batches. */
    private final ExecutorService invokers = Executors.newFixedThreadPool(CONCURRENT_INVOCATIONS, task -> {
        Thread thread = new Thread(task, "lambda-invoke");
        thread.setDaemon(true);
        return thread;
    });

    public LambdaNotificationPublisher(LambdaClient lambda) {
        this(lambda, RetryingDelivery.Retry.DEFAULT);
    }

    public LambdaNotificationPublisher(LambdaClient lambda, RetryingDelivery.Retry retry) {
        this.lambda = lambda;
        this.delivery = new RetryingDelivery(retry);
    }

    /** The events not delivered, in the order of {@code notifications}. */
    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        if (notifications.size() == 1) {
            return invokeWithRetries(notifications.get(0));
        }
        List<Future<List<Undelivered>>> invocations = new ArrayList<>();
        for (Delivery notification : notifications) {
            invocations.add(invokers.submit(() -> invokeWithRetries(notification)));
        }
        List<Undelivered> undelivered = new ArrayList<>();
        for (Future<List<Undelivered>> invocation : invocations) {
            undelivered.addAll(join(invocation));
        }
        return undelivered;
    }

    private List<Undelivered> invokeWithRetries(Delivery notification) {
        List<Undelivered> undelivered = new ArrayList<>(0);
        delivery.deliver(List.of(notification), one -> invoke(notification), undelivered);
        return undelivered;
    }

    private static List<Undelivered> join(Future<List<Undelivered>> invocation) {
        try {
            return invocation.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking", e);
        } catch (ExecutionException e) {
            // invoke() turns every SDK failure into an Attempt: what reaches here is a bug, thrown as the batch's
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private Attempt invoke(Delivery notification) {
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(notification.destination().address())
                    .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(notification.message())));
        } catch (SdkException e) {
            return AwsErrors.failed(List.of(notification), e);
        }
        if (response.statusCode() != null && response.statusCode() != 202) { // Lambda answers every queued event with 202
            return Attempt.retryable(List.of(notification), new Undelivered.Cause("UnexpectedStatus",
                    "Lambda answered " + response.statusCode() + " instead of 202"));
        }
        return Attempt.DONE;
    }
}
