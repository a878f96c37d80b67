package dev.s3notifications.wiring;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The cold-start benchmark's baseline in place of the function's {@code AwsClients}: every client the way the SDK
 * builds one out of the box, {@code create()}: the default HTTP client (Apache, which the baseline's task root puts
 * back on the class path), region, credentials and endpoint discovered through the default provider chains, no call
 * timeout, and no rehearsal. scripts/benchmark-cold-start puts this class over the function's own in the baseline's
 * task root only; the tests and the zip never see it. {@code BaselineClassesTest} checks that it has the same
 * methods as the class it replaces.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        return DynamoDbClient.create();
    }

    public static SnsClient sns(Settings settings) {
        return SnsClient.create();
    }

    public static SqsClient sqs(Settings settings) {
        return SqsClient.create();
    }

    public static LambdaClient lambda(Settings settings) {
        return LambdaClient.create();
    }

    public static EventBridgeClient eventBridge(Settings settings) {
        return EventBridgeClient.create();
    }
}
