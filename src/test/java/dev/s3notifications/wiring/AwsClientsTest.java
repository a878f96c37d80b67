package dev.s3notifications.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/** Which credentials the clients take: Lambda's environment variables in an on-demand container, the chain otherwise. */
class AwsClientsTest {
    private static final Map<String, String> ON_DEMAND = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret", "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    private static final Map<String, String> SNAP_START = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret", "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");

    @Test
    void onDemandClientsReadTheEnvironmentVariablesOnly() {
        Settings settings = Settings.from(ON_DEMAND);
        try (var dynamoDb = AwsClients.dynamoDb(settings); var sns = AwsClients.sns(settings);
             var sqs = AwsClients.sqs(settings); var lambda = AwsClients.lambda(settings);
             var eventBridge = AwsClients.eventBridge(settings)) {
            assertThat(java.util.List.of(dynamoDb.serviceClientConfiguration().credentialsProvider(),
                    sns.serviceClientConfiguration().credentialsProvider(), sqs.serviceClientConfiguration().credentialsProvider(),
                    lambda.serviceClientConfiguration().credentialsProvider(),
                    eventBridge.serviceClientConfiguration().credentialsProvider()))
                    .allMatch(EnvironmentVariableCredentialsProvider.class::isInstance);
        }
    }

    @Test
    void snapStartClientsUseTheDefaultChain() {
        try (var dynamoDb = AwsClients.dynamoDb(Settings.from(SNAP_START))) {
            assertThat(dynamoDb.serviceClientConfiguration().credentialsProvider())
                    .isNotInstanceOf(EnvironmentVariableCredentialsProvider.class);
        }
    }
}
