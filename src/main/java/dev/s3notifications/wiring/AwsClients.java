package dev.s3notifications.wiring;

import dev.s3notifications.aws.HttpRehearsal;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The AWS SDK clients, built once per container. One small HTTP client (URLConnection: no native code, no
 * thread pools), an explicit region and, in an on-demand container, the credentials Lambda puts in the environment
 * ({@link Settings#environmentCredentials()}) keep the cold start short; under SnapStart, and wherever the
 * environment has no keys, credentials come from the default chain.
 * <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/lambda-optimize-starttime.html">SDK start-up time in Lambda</a>
 */
public final class AwsClients {
    /**
     * How long an attempt may wait for the next bytes of an answer. DynamoDB and SNS answer in milliseconds; a
     * connection silent this long is stalled, and the SDK's retries do better on a fresh one. Without it the
     * URLConnection client waits 30 s, longer than the API function's 29 s: a stalled call would end the
     * invocation and the caller would get API Gateway's own error instead of S3's 503.
     */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /**
     * A call with all its retries (up to 9 attempts for DynamoDB) ends within this, so that a PUT, a few calls in a
     * row, still answers an S3 error well before API Gateway's 29 s integration limit.
     * <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/timeouts.html">SDK timeouts</a>
     */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);

    private AwsClients() {
    }

    /**
     * The clients' HTTP client: URLConnection with the services' defaults and {@link #SOCKET_TIMEOUT}, inside an
     * {@link HttpRehearsal.Client} so that priming can rehearse. Its I/O failures reach the SDK's retries as the
     * {@code IOException}s they are (since SDK 2.5x; {@code AwsClientsIT} resets connections to check it). The SDK
     * closes what it builds.
     */
    private static final class HttpClientBuilder implements SdkHttpClient.Builder<HttpClientBuilder> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return new HttpRehearsal.Client(UrlConnectionHttpClient.builder().socketTimeout(SOCKET_TIMEOUT)
                    .buildWithDefaults(serviceDefaults));
        }
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        return build(DynamoDbClient.builder(), settings, settings.dynamoDbEndpoint());
    }

    public static SnsClient sns(Settings settings) {
        return build(SnsClient.builder(), settings, settings.snsEndpoint());
    }

    public static SqsClient sqs(Settings settings) {
        return build(SqsClient.builder(), settings, settings.delivery().sqsEndpoint());
    }

    public static LambdaClient lambda(Settings settings) {
        return build(LambdaClient.builder(), settings, settings.delivery().lambdaEndpoint());
    }

    public static EventBridgeClient eventBridge(Settings settings) {
        return build(EventBridgeClient.builder(), settings, settings.delivery().eventBridgeEndpoint());
    }

    /** A client in the settings' region, on our HTTP client and call timeout, at {@code endpoint} unless it is null. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Settings settings,
            URI endpoint) {
        builder.region(Region.of(settings.region())).httpClientBuilder(new HttpClientBuilder())
                .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT));
        if (settings.environmentCredentials()) {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
