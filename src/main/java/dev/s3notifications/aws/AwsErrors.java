package dev.s3notifications.aws;

import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.RetryingDelivery.Attempt;
import dev.s3notifications.fanout.Undelivered;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How the adapters read a failed AWS call: worth another attempt (throttling, a server-side failure, a network
 * failure, an answer that did not arrive whole), or a refusal that another attempt would only repeat.
 */
public final class AwsErrors {
    /**
     * Throttling codes the SDK's own list does not know and that do not start with {@code Throttl} (which covers
     * SNS's {@code Throttled} and EventBridge's {@code ThrottlingException}): KMS's, as SNS and SQS name them, and
     * the batch-entry codes of SQS and EventBridge.
     */
    private static final Set<String> MORE_THROTTLING_CODES = Set.of("KMSThrottling", "KmsThrottled",
            "KMS.ThrottlingException", "RequestThrottled", "TooManyRequestsException");

    private AwsErrors() {
    }

    /** Throttling and server-side failures pass; a refusal (no such destination, no permission, a bad request) does not. */
    public static boolean isRetryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || isThrottlingCode(errorCode(service)) || service.statusCode() >= 500
                    || isUnreadable(service);
        }
        return true; // the SDK's own failures: I/O, timeouts
    }

    /**
     * An error answer without an error code: AWS services always name their errors, so this is an answer that did
     * not arrive whole (a connection cut in the middle of it), which says nothing about the destination or the
     * message. A modelled exception (NotFoundException, ...) means the SDK read a code, so only a service's generic
     * exception class (SnsException, SqsException, ...) counts.
     */
    public static boolean isUnreadable(AwsServiceException e) {
        boolean generic = e.getClass() == AwsServiceException.class || e.getClass().getSuperclass() == AwsServiceException.class;
        String code = errorCode(e);
        return generic && (code == null || code.isEmpty());
    }

    /** Whether a batch entry's error code (or a whole call's) says "slow down". */
    public static boolean isThrottlingCode(String code) {
        return code != null && (code.startsWith("Throttl") || MORE_THROTTLING_CODES.contains(code));
    }

    /** The outcome of a call that failed as a whole, for all the notifications it carried. */
    public static Attempt failed(List<Delivery> notifications, SdkException e) {
        return isRetryable(e) ? Attempt.retryable(notifications, cause(e)) : Attempt.refused(notifications, cause(e));
    }

    /** The service's code and message, or the client-side failure's class and message, for logs and health records. */
    public static Undelivered.Cause cause(SdkException e) {
        String code = e instanceof AwsServiceException service ? errorCode(service) : null;
        return new Undelivered.Cause(code == null || code.isEmpty() ? e.getClass().getSimpleName() : code, message(e));
    }

    /** The service's message, or the client-side failure's. */
    public static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** The error code of a service's answer, or null. */
    public static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
