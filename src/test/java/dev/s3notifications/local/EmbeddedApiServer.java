package dev.s3notifications.local;

import com.sun.net.httpserver.HttpServer;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.domain.AccessKey;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.handler.ApiHandler;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import dev.s3notifications.xml.S3Documents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The local stack's S3 API (the API function's handler behind the same API Gateway stand-in) with DynamoDB Local
 * embedded in the JVM, called without HTTP: for the HTTP benchmark, where DynamoDB Local's own HTTP server would
 * be what is measured. SNS (test messages) goes to the emulator given.
 */
public final class EmbeddedApiServer implements AutoCloseable {
    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    private EmbeddedApiServer(AmazonDynamoDBLocal dynamoDbLocal, HttpServer server) {
        this.dynamoDbLocal = dynamoDbLocal;
        this.server = server;
    }

    /** Serves requests signed with the given key pair, which acts for its account's root. */
    public static EmbeddedApiServer start(URI snsEndpoint, String accessKeyId, String secretAccessKey, String accountId)
            throws IOException {
        AmazonDynamoDBLocal dynamoDbLocal = DynamoDBEmbedded.create();
        DynamoDbClient dynamoDb = dynamoDbLocal.dynamoDbClient();
        DynamoDbBucketStore.createTable(dynamoDb, LocalStack.BUCKETS_TABLE);
        DynamoDbAccessKeyStore.createTable(dynamoDb, LocalStack.ACCESS_KEYS_TABLE);
        new DynamoDbAccessKeyStore(dynamoDb, LocalStack.ACCESS_KEYS_TABLE).create(new AccessKey(accessKeyId, secretAccessKey,
                accountId, Caller.rootArn(accountId), true), Instant.now());
        SnsClient sns = AwsTestClients.sns(snsEndpoint);
        // As Lambda runs it: the access-key cache keeps a key for its default lifetime.
        Settings settings = Settings.from(Map.of("BUCKETS_TABLE", LocalStack.BUCKETS_TABLE,
                "ACCESS_KEYS_TABLE", LocalStack.ACCESS_KEYS_TABLE));
        ApiHandler handler = new ApiHandler(Wiring.api(settings, dynamoDb, sns, S3Documents.streaming()), settings);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        EmbeddedApiServer started = new EmbeddedApiServer(dynamoDbLocal, server);
        server.setExecutor(started.executor);
        server.createContext("/", new ApiGatewayProxy(handler::handleRequest, settings.region(), accountId));
        server.start();
        return started;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        dynamoDbLocal.shutdownNow();
    }
}
