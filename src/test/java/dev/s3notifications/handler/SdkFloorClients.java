package dev.s3notifications.handler;

import dev.s3notifications.wiring.AwsClients;
import dev.s3notifications.wiring.Settings;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SDK floor's two clients, built as the functions build theirs ({@link AwsClients}). With
 * {@code SDK_FLOOR_PARALLEL_CLIENTS=true} the SNS client is built on a second thread while this one builds the
 * DynamoDB client: the cold-start benchmark runs both ways to measure whether init gains from a second core.
 */
record SdkFloorClients(Settings settings, DynamoDbClient dynamoDb, SnsClient sns) {
    /** The benchmark world's sample bucket, access key and topic (events/api/). */
    static final String BUCKET = "notifications-demo-bucket";
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:s3-notifications-demo";
    /** The subject S3 gives every message it publishes to SNS. */
    static final String SUBJECT = "Amazon S3 Notification";

    /** The clients for the function's environment, as Lambda's constructor of the function builds them. */
    static SdkFloorClients fromEnvironment() {
        Settings settings = Settings.fromEnvironment();
        if (!"true".equals(System.getenv("SDK_FLOOR_PARALLEL_CLIENTS"))) {
            return new SdkFloorClients(settings, AwsClients.dynamoDb(settings), AwsClients.sns(settings));
        }
        CompletableFuture<SnsClient> sns = new CompletableFuture<>();
        Thread.ofPlatform().name("sdk-floor-sns").start(() -> {
            try {
                sns.complete(AwsClients.sns(settings));
            } catch (Throwable e) {
                sns.completeExceptionally(e);
            }
        });
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        return new SdkFloorClients(settings, dynamoDb, sns.join());
    }
}
