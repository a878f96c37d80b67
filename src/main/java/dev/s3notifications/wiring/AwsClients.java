package dev.s3notifications.wiring;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The AWS SDK clients, built once per container. One small HTTP client (URLConnection: no native code, no
 * thread pools) and an explicit region keep the cold start short; credentials come from the default chain,
 * which is what SnapStart needs.
 * <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/lambda-optimize-starttime.html">SDK start-up time in Lambda</a>
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        var builder = DynamoDbClient.builder().region(Region.of(settings.region())).httpClientBuilder(new RetryableIoHttpClient.Builder());
        if (settings.dynamoDbEndpoint() != null) {
            builder.endpointOverride(settings.dynamoDbEndpoint());
        }
        return builder.build();
    }

    public static SnsClient sns(Settings settings) {
        var builder = SnsClient.builder().region(Region.of(settings.region())).httpClientBuilder(new RetryableIoHttpClient.Builder());
        if (settings.snsEndpoint() != null) {
            builder.endpointOverride(settings.snsEndpoint());
        }
        return builder.build();
    }
}
