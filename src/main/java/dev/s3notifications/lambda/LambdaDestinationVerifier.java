package dev.s3notifications.lambda;

import dev.s3notifications.aws.AwsErrors;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.InvalidNotificationConfigurationException.Argument;
import dev.s3notifications.store.DependencyUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Proves Lambda functions the way S3 proves them: S3 sends a function no test event, it checks that it may invoke
 * it. S3 reads the function's resource policy for its own service principal; the fan-out invokes with its role
 * instead, so we ask Lambda itself, with an {@code Invoke} of type {@code DryRun}: it runs nothing and answers
 * whether the function exists and the caller may invoke it. The API function's role is granted invocation on the
 * same functions as the fan-out's (template.yaml), so its answer is the fan-out's. A missing function and a
 * forbidden one fail alike, with S3's words for both.
 * <a href="https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html">Invoke</a>
 */
public final class LambdaDestinationVerifier implements DestinationVerifier {
    private final LambdaClient lambda;

    public LambdaDestinationVerifier(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public Verification verify(List<DestinationConfiguration> destinations, String testMessage) {
        Set<String> functions = new LinkedHashSet<>();
        for (DestinationConfiguration destination : destinations) {
            if (destination.type() == DestinationType.FUNCTION) {
                functions.add(destination.arn());
            }
        }
        List<Argument> failures = new ArrayList<>();
        for (String function : functions) {
            try {
                lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.DRY_RUN));
            } catch (SdkException e) {
                if (AwsErrors.isRetryable(e)) {
                    throw new DependencyUnavailableException("Lambda: " + e.getMessage(), e);
                }
                failures.add(notAuthorized(function));
            }
        }
        return new Verification(failures, Map.of());
    }

    /** S3's answer for a function it may not invoke, or that does not exist. */
    static Argument notAuthorized(String functionArn) {
        return new Argument(functionArn + ", null", "Not authorized to invoke function [" + functionArn + "]");
    }
}
