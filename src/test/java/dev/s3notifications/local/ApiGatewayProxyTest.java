package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiGatewayProxyTest {
    private static final Instant TIME = Instant.parse("2026-11-22T10:15:30.123Z");

    private static APIGatewayProxyRequestEvent event(String method, String uri, Map<String, List<String>> headers,
            byte[] body) {
        return ApiGatewayProxy.toEvent(method, URI.create(uri), headers, "127.0.0.1", body, "request-1", TIME,
                "123456789012");
    }

    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], n -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void behindAStageThePathDropsItAndTheRequestContextKeepsIt() {
        var event = ApiGatewayProxy.toEvent("GET", URI.create("/prod/photos?notification"), headers("Host", "127.0.0.1:9090"),
                "127.0.0.1", new byte[0], "request-1", TIME, "123456789012", "prod");

        assertThat(event.getPath()).isEqualTo("/photos");
        assertThat(event.getResource()).isEqualTo("/{bucket}");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("bucket", "photos"));
        assertThat(event.getRequestContext().getPath()).isEqualTo("/prod/photos");
        assertThat(event.getRequestContext().getStage()).isEqualTo("prod");
        assertThat(ApiGatewayProxy.toEvent("GET", URI.create("/prod"), headers(), "127.0.0.1", new byte[0], "request-1",
                TIME, "123456789012", "prod").getResource()).isEqualTo("/");
        assertThat(ApiGatewayProxy.toEvent("GET", URI.create("/photos"), headers(), "127.0.0.1", new byte[0], "request-1",
                TIME, "123456789012", "prod")).as("not under the stage: no resource").isNull();
    }

    @Test
    void pathStyleNotificationRequestBecomesTheBucketResourceEvent() {
        byte[] xml = "<NotificationConfiguration/>".getBytes(StandardCharsets.UTF_8);
        var event = event("PUT", "/photos?notification", headers("Host", "127.0.0.1:9090",
                "Content-Type", "application/xml", "User-Agent", "aws-cli/1.45"), xml);

        assertThat(event.getHttpMethod()).isEqualTo("PUT");
        assertThat(event.getResource()).isEqualTo("/{bucket}");
        assertThat(event.getPath()).isEqualTo("/photos");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("bucket", "photos"));
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("notification", ""));
        assertThat(event.getMultiValueQueryStringParameters()).isEqualTo(Map.of("notification", List.of("")));
        assertThat(event.getHeaders()).containsEntry("Host", "127.0.0.1:9090").containsEntry("Content-Type", "application/xml");
        assertThat(event.getMultiValueHeaders()).containsEntry("User-Agent", List.of("aws-cli/1.45"));
        assertThat(event.getBody()).isEqualTo("<NotificationConfiguration/>");
        assertThat(event.getIsBase64Encoded()).isFalse();

        var context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("request-1");
        assertThat(context.getStage()).isEqualTo("local");
        assertThat(context.getResourcePath()).isEqualTo("/{bucket}");
        assertThat(context.getHttpMethod()).isEqualTo("PUT");
        assertThat(context.getRequestTime()).isEqualTo("22/Nov/2026:10:15:30 +0000");
        assertThat(context.getRequestTimeEpoch()).isEqualTo(TIME.toEpochMilli());
        assertThat(context.getDomainName()).isEqualTo("127.0.0.1");
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getIdentity().getUserAgent()).isEqualTo("aws-cli/1.45");
        assertThat(context.getIdentity().getAccountId()).isNull(); // an open API: no IAM caller
    }

    @Test
    void withoutQueryStringOrBodyTheyAreNullAsApiGatewaySendsThem() {
        var event = event("PUT", "/photos", headers("Host", "127.0.0.1:9090"), new byte[0]);

        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getMultiValueQueryStringParameters()).isNull();
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
    }

    @Test
    void virtualHostedRequestIsTheRootResourceWithTheHostHeader() {
        var event = event("GET", "/?notification", headers("Host", "photos.localhost:9090"), new byte[0]);

        assertThat(event.getResource()).isEqualTo("/");
        assertThat(event.getPath()).isEqualTo("/");
        assertThat(event.getPathParameters()).isNull();
        assertThat(event.getHeaders()).containsEntry("Host", "photos.localhost:9090");
        assertThat(event.getRequestContext().getDomainName()).isEqualTo("photos.localhost");
        assertThat(event.getRequestContext().getDomainPrefix()).isEqualTo("photos");
    }

    @Test
    void queryValuesAreDecodedAndTheLastOfRepeatedOnesIsTheSingleValue() {
        var event = event("GET", "/?prefix=a%2Fb%20c&max-buckets=2&x=1&x=2&flag", headers(), new byte[0]);

        assertThat(event.getQueryStringParameters())
                .isEqualTo(Map.of("prefix", "a/b c", "max-buckets", "2", "x", "2", "flag", ""));
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("x", List.of("1", "2"));
    }

    @Test
    void repeatedHeadersKeepEveryValueInMultiValueHeadersAndTheLastInHeaders() {
        var event = event("GET", "/", headers("X-Amz-Meta", "one", "X-Amz-Meta", "two"), new byte[0]);

        assertThat(event.getMultiValueHeaders()).containsEntry("X-Amz-Meta", List.of("one", "two"));
        assertThat(event.getHeaders()).containsEntry("X-Amz-Meta", "two");
    }

    @Test
    void pathStaysEncodedWhileThePathParameterIsDecoded() {
        var event = event("HEAD", "/my%2Dbucket/", headers(), new byte[0]);

        assertThat(event.getPath()).isEqualTo("/my%2Dbucket/");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("bucket", "my-bucket"));
    }

    @Test
    void bodiesThatAreNotTextTravelBase64Encoded() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        var noType = event("PUT", "/photos?notification", headers(), binary);
        assertThat(noType.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(noType.getBody())).isEqualTo(binary);

        var octets = event("PUT", "/photos?notification", headers("Content-Type", "application/octet-stream"),
                "plain".getBytes(StandardCharsets.UTF_8));
        assertThat(octets.getIsBase64Encoded()).isTrue();
        assertThat(octets.getBody()).isEqualTo(Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8)));

        var untypedXml = event("PUT", "/photos?notification", headers(), "<a>é</a>".getBytes(StandardCharsets.UTF_8));
        assertThat(untypedXml.getIsBase64Encoded()).isFalse();
        assertThat(untypedXml.getBody()).isEqualTo("<a>é</a>");
    }

    @Test
    void pathsBelowABucketHaveNoResource() {
        assertThat(event("GET", "/photos/key.jpg", headers(), new byte[0])).isNull();
        assertThat(event("PUT", "/photos/a/b", headers(), new byte[0])).isNull();
    }

    // Over HTTP, with a stand-in function.

    private HttpServer server;
    private final AtomicReference<APIGatewayProxyRequestEvent> received = new AtomicReference<>();
    private final AtomicReference<Context> receivedContext = new AtomicReference<>();

    private URI serve(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", new ApiGatewayProxy((event, context) -> {
            received.set(event);
            receivedContext.set(context);
            return function.handleRequest(event, context);
        }, "us-east-1", "123456789012"));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static APIGatewayProxyResponseEvent xml(int status, String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/xml", "x-amz-request-id", "REQ")).withBody(body);
    }

    @Test
    void aPutWithExpectContinueReachesTheFunctionWithItsBodyAndItsAnswerComesBack() throws Exception {
        URI endpoint = serve((event, context) -> xml(200, "<ok/>"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/photos?notification"))
                .expectContinue(true).PUT(HttpRequest.BodyPublishers.ofString("<NotificationConfiguration/>")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<ok/>");
        assertThat(response.headers().firstValue("x-amz-request-id")).contains("REQ");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/xml");
        assertThat(response.headers().firstValue("Content-Length")).contains("5");
        assertThat(received.get().getBody()).isEqualTo("<NotificationConfiguration/>");
        assertThat(received.get().getQueryStringParameters()).isEqualTo(Map.of("notification", ""));
        assertThat(receivedContext.get().getAwsRequestId()).matches("[0-9a-f-]{36}");
        assertThat(receivedContext.get().getRemainingTimeInMillis()).isPositive();
    }

    @Test
    void aHeadAnswerHasNoBodyAndAnEmptyAnswerHasLengthZero() throws Exception {
        URI endpoint = serve((event, context) -> event.getHttpMethod().equals("HEAD")
                ? xml(200, "") : new APIGatewayProxyResponseEvent().withStatusCode(204));
        HttpClient http = HttpClient.newHttpClient();

        var head = http.send(HttpRequest.newBuilder(endpoint.resolve("/photos")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        var delete = http.send(HttpRequest.newBuilder(endpoint.resolve("/photos")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(delete.body()).isEmpty();
        // API Gateway gives a proxy response without a Content-Type one of its own.
        assertThat(delete.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void aBase64AnswerIsDecoded() throws Exception {
        URI endpoint = serve((event, context) -> new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})).withIsBase64Encoded(true));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).containsExactly(1, 2, 3);
    }

    @Test
    void aPathWithoutResourceGetsApiGatewaysOwnAnswerWithoutCallingTheFunction() throws Exception {
        URI endpoint = serve((event, context) -> xml(200, "<ok/>"));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/photos/key.jpg")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(received.get()).isNull();
    }

    @Test
    void aFailingFunctionGivesApiGatewaysBadGateway() throws Exception {
        URI endpoint = serve((event, context) -> {
            throw new IllegalStateException("boom");
        });
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
    }

    @Test
    void theHostHeaderReachesTheFunctionAsSent() throws Exception {
        URI endpoint = serve((event, context) -> xml(200, "<ok/>"));
        // java.net.http will not send a Host header of our choosing, so this request is written by hand.
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /?notification HTTP/1.1\r\nHost: photos.localhost:" + endpoint.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").endsWith("<ok/>");
        }
        assertThat(received.get().getResource()).isEqualTo("/");
        assertThat(received.get().getHeaders()).containsEntry("Host", "photos.localhost:" + endpoint.getPort());
    }
}
