package dev.s3notifications.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local 3.x running in this JVM behind its real HTTP endpoint, so the code under test talks to it
 * through the same SDK HTTP client it uses against AWS. In memory, one shared database for every access key.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private static DynamoDbLocal shared;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocal(int port) throws Exception {
        this.server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static DynamoDbLocal start(int port) {
        try {
            return new DynamoDbLocal(port == 0 ? freePort() : port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    /** One instance for the whole test JVM, stopped when the JVM exits. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            shared = start(0);
            DynamoDbLocal started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dynamodb-local-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
