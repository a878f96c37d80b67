package dev.s3notifications.lambda;

import dev.s3notifications.aws.AwsErrors;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.fanout.RetryingDelivery.Attempt;
import dev.s3notifications.fanout.RetryingDelivery;
import dev.s3notifications.fanout.Undelivered;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes Lambda functions as S3 does: asynchronously ({@code InvocationType=Event}), one invocation per event
 * message, the message as payload. Lambda's answer 202 means it has queued the event; from there retries, and the
 * function's own dead-letter queue or failure destination, are Lambda's, as they are for S3's invocations. Lambda's
 * Invoke API takes one event per call, so this costs one call per delivered event. Throttling and server errors are
 * retried ({@link RetryingDelivery}); a function that does not exist, or that we may not invoke, refuses.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html">Asynchronous invocation</a>
 */
public final class LambdaNotificationPublisher implements NotificationPublisher {
    private final LambdaClient lambda;
    private final RetryingDelivery delivery;

    public LambdaNotificationPublisher(LambdaClient lambda) {
        this(lambda, RetryingDelivery.Retry.DEFAULT);
    }

    public LambdaNotificationPublisher(LambdaClient lambda, RetryingDelivery.Retry retry) {
        this.lambda = lambda;
        this.delivery = new RetryingDelivery(retry);
    }

    @Override
    public List<Undelivered> publish(List<Delivery> notifications) {
        List<Undelivered> undelivered = new ArrayList<>();
        for (Delivery notification : notifications) {
            delivery.deliver(List.of(notification), one -> invoke(notification), undelivered);
        }
        return undelivered;
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
