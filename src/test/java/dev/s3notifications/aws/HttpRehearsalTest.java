package dev.s3notifications.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.wiring.AwsClients;
import dev.s3notifications.wiring.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** The functions' own DynamoDB client against a small local server that counts what reaches it. */
class HttpRehearsalTest {
    private static final String ITEM = "{\"Item\":{\"bucket\":{\"S\":\"from-the-%s\"}}}";

    private final AtomicInteger networkRequests = new AtomicInteger();
    private final HttpServer server = server();
    private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Settings.from(Map.of(
            "AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort())));
    private final List<String> rehearsedTargets = new ArrayList<>();

    @BeforeAll
    static void credentials() {
        AwsTestClients.defaultChainCredentials(); // the functions' clients use the default credentials chain
    }

    @AfterEach
    void stop() {
        dynamoDb.close();
        server.stop(0);
    }

    @Test
    void answersTheRehearsingThreadFromTheScriptAndNothingReachesTheNetwork() {
        GetItemResponse response = HttpRehearsal.rehearse(this::script, this::getItem);

        assertThat(response.item()).containsEntry("bucket", AttributeValue.fromS("from-the-script"));
        assertThat(rehearsedTargets).containsExactly("DynamoDB_20120810.GetItem");
        assertThat(networkRequests).hasValue(0);
    }

    @Test
    void everyOtherRequestGoesToTheNetwork() {
        assertThat(getItem().item()).as("before").containsEntry("bucket", AttributeValue.fromS("from-the-network"));

        GetItemResponse otherThread = HttpRehearsal.rehearse(this::script,
                () -> CompletableFuture.supplyAsync(this::getItem).join());

        assertThat(otherThread.item()).containsEntry("bucket", AttributeValue.fromS("from-the-network"));
        assertThat(getItem().item()).as("after").containsEntry("bucket", AttributeValue.fromS("from-the-network"));
        assertThat(rehearsedTargets).isEmpty();
        assertThat(networkRequests).hasValue(3);
    }

    @Test
    void aNestedRehearsalEndsWithTheOuterScriptInPlace() {
        HttpRehearsal.Script inner = (request, body) -> new HttpRehearsal.Answer(200, "application/x-amz-json-1.0",
                ITEM.formatted("inner"));

        List<GetItemResponse> responses = HttpRehearsal.rehearse(this::script,
                () -> List.of(HttpRehearsal.rehearse(inner, this::getItem), getItem()));

        assertThat(responses).extracting(r -> r.item().get("bucket").s()).containsExactly("from-the-inner", "from-the-script");
        assertThat(networkRequests).hasValue(0);
    }

    private GetItemResponse getItem() {
        return dynamoDb.getItem(b -> b.tableName("buckets").key(Map.of("bucket", AttributeValue.fromS("b"))));
    }

    private HttpRehearsal.Answer script(software.amazon.awssdk.http.SdkHttpRequest request, String body) {
        rehearsedTargets.add(request.firstMatchingHeader("X-Amz-Target").orElseThrow());
        assertThat(body).contains("\"TableName\":\"buckets\"");
        return new HttpRehearsal.Answer(200, "application/x-amz-json-1.0", ITEM.formatted("script"));
    }

    private HttpServer server() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                networkRequests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = ITEM.formatted("network").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
