package dev.s3notifications.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.testing.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What API Gateway (a REST API with a Lambda proxy integration on {@code /} and {@code /{bucket}}) does between an
 * HTTP client and the API function: each request becomes the v1 proxy event Lambda would receive, the function's
 * proxy response becomes the HTTP response. A path with no resource gets API Gateway's own 403, as deployed.
 * <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html">Proxy integration input and output formats</a>
 */
final class ApiGatewayProxy implements HttpHandler {
    static final String STAGE = "local";
    static final String FUNCTION_NAME = "s3-bucket-notifications-api";

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    /** Hop-by-hop and framing headers: the HTTP server writes its own. */
    private static final Set<String> SERVER_HEADERS = Set.of("content-length", "transfer-encoding", "connection", "date");

    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function;
    private final String region;
    private final String accountId;
    private final String stage;

    ApiGatewayProxy(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function, String region,
            String accountId) {
        this(function, region, accountId, null);
    }

    /**
     * @param stage null to serve the API at the root, as a custom domain mapped to the stage does; else the stage
     *              whose name the default endpoint puts in front of every path ({@code /prod/photos})
     */
    ApiGatewayProxy(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function, String region,
            String accountId, String stage) {
        this.function = function;
        this.region = region;
        this.accountId = accountId;
        this.stage = stage;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Reading the body is also what lets the server answer "Expect: 100-continue".
            byte[] body = exchange.getRequestBody().readAllBytes();
            String requestId = UUID.randomUUID().toString();
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            APIGatewayProxyRequestEvent event = toEvent(method, uri, exchange.getRequestHeaders(),
                    exchange.getRemoteAddress().getAddress().getHostAddress(), body, requestId, Instant.now(), accountId,
                    stage);
            APIGatewayProxyResponseEvent response = event == null ? missingAuthenticationToken() : invoke(event, requestId);
            JsonLog.info("api gateway", "requestId", requestId, "method", method, "path", uri.getRawPath(),
                    "query", uri.getRawQuery(), "status", String.valueOf(response.getStatusCode()));
            write(exchange, method, response, requestId);
        }
    }

    private APIGatewayProxyResponseEvent invoke(APIGatewayProxyRequestEvent event, String requestId) {
        Context context = new LocalLambdaContext(UUID.randomUUID().toString(), FUNCTION_NAME, region, accountId,
                Instant.now().plus(LocalLambdaContext.TIMEOUT));
        try {
            APIGatewayProxyResponseEvent response = function.handleRequest(event, context);
            if (response != null && response.getStatusCode() != null) {
                return response;
            }
            JsonLog.error("malformed Lambda proxy response", null, "requestId", requestId);
        } catch (RuntimeException | Error e) {
            JsonLog.error("Lambda function failed", e, "requestId", requestId);
        }
        return gatewayError(502, "InternalServerErrorException", "Internal server error");
    }

    /**
     * The event API Gateway builds for a request, or null when no resource matches its path.
     *
     * @param headers the request's headers, each with every value sent
     */
    static APIGatewayProxyRequestEvent toEvent(String method, URI uri, Map<String, List<String>> headers, String sourceIp,
            byte[] body, String requestId, Instant time, String accountId) {
        return toEvent(method, uri, headers, sourceIp, body, requestId, time, accountId, null);
    }

    /**
     * The event for a request to a stage of the default endpoint: {@code path} without the stage,
     * {@code requestContext.path} with it (what the client sent and signed); null when the path is not the stage's.
     */
    static APIGatewayProxyRequestEvent toEvent(String method, URI uri, Map<String, List<String>> headers, String sourceIp,
            byte[] body, String requestId, Instant time, String accountId, String stage) {
        String requestPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String path = requestPath;
        if (stage != null) {
            String prefix = "/" + stage;
            if (!requestPath.equals(prefix) && !requestPath.startsWith(prefix + "/")) {
                return null;
            }
            path = requestPath.length() == prefix.length() ? "/" : requestPath.substring(prefix.length());
        }
        String bucket = bucketSegment(path);
        String resource = path.equals("/") ? "/" : bucket != null ? "/{bucket}" : null;
        if (resource == null) {
            return null;
        }
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        Map<String, String> singleHeaders = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                multiValueHeaders.put(name, List.copyOf(values));
                singleHeaders.put(name, values.get(values.size() - 1)); // API Gateway keeps the last one
            }
        });
        Map<String, List<String>> multiValueQuery = query(uri.getRawQuery());
        Map<String, String> singleQuery = null;
        if (multiValueQuery != null) {
            singleQuery = new LinkedHashMap<>();
            for (var entry : multiValueQuery.entrySet()) {
                singleQuery.put(entry.getKey(), entry.getValue().get(entry.getValue().size() - 1));
            }
        }
        String host = first(headers, "Host");
        String domainName = host == null ? "127.0.0.1" : host.replaceFirst(":\\d+$", "");
        boolean text = isText(first(headers, "Content-Type"), body);
        return new APIGatewayProxyRequestEvent()
                .withResource(resource)
                .withPath(path) // REST APIs keep the path percent-encoded; path parameters are decoded
                .withHttpMethod(method)
                .withHeaders(singleHeaders)
                .withMultiValueHeaders(multiValueHeaders)
                .withQueryStringParameters(singleQuery)
                .withMultiValueQueryStringParameters(multiValueQuery)
                .withPathParameters(bucket == null ? null : Map.of("bucket", decode(bucket)))
                .withStageVariables(null)
                .withRequestContext(new ProxyRequestContext()
                        .withAccountId(accountId)
                        .withApiId(STAGE)
                        .withResourceId(STAGE)
                        .withResourcePath(resource)
                        .withHttpMethod(method)
                        .withPath(requestPath)
                        .withStage(stage == null ? STAGE : stage)
                        .withRequestId(requestId)
                        .withExtendedRequestId(requestId)
                        .withRequestTime(REQUEST_TIME.format(time))
                        .withRequestTimeEpoch(time.toEpochMilli())
                        .withDomainName(domainName)
                        .withDomainPrefix(domainName.split("\\.", 2)[0])
                        .withProtocol("HTTP/1.1")
                        .withIdentity(new RequestIdentity()
                                .withSourceIp(sourceIp)
                                .withUserAgent(first(headers, "User-Agent"))))
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length != 0 && !text);
    }

    /** The single segment of a {@code /{bucket}} path ({@code /name} or {@code /name/}), or null. */
    private static String bucketSegment(String path) {
        String rest = path.substring(1);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }

    /** Query parameters, decoded, in order; null (not empty) without a query string, as API Gateway sends. */
    static Map<String, List<String>> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query.isEmpty() ? null : query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a stray '%': pass it on as sent
        }
    }

    /**
     * Whether the body travels as text: UTF-8 with an XML, JSON, form or text content type, or none (S3 clients
     * often send XML without one). Anything else travels base64-encoded, as API Gateway does for binary media types.
     */
    static boolean isText(String contentType, byte[] body) {
        if (contentType != null) {
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            boolean textual = type.isEmpty() || type.startsWith("text/") || type.endsWith("/xml") || type.endsWith("+xml")
                    || type.endsWith("/json") || type.endsWith("+json") || type.equals("application/x-www-form-urlencoded");
            if (!textual) {
                return false;
            }
        }
        return Utf8.isValid(body);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** API Gateway's answer to a path it has no resource for (it names a missing token, not a missing route). */
    private static APIGatewayProxyResponseEvent missingAuthenticationToken() {
        return gatewayError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    private static APIGatewayProxyResponseEvent gatewayError(int status, String errorType, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", errorType);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers)
                .withBody("{\"message\":\"" + message + "\"}");
    }

    private static void write(HttpExchange exchange, String method, APIGatewayProxyResponseEvent response, String requestId)
            throws IOException {
        var out = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (!SERVER_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && values != null) {
                    values.forEach(value -> out.add(name, value));
                }
            });
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!SERVER_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                    out.set(name, value);
                }
            });
        }
        if (!out.containsKey("Content-Type")) {
            out.set("Content-Type", "application/json"); // API Gateway's default for a proxy response without one
        }
        out.set("x-amzn-RequestId", requestId);
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode();
        if (method.equalsIgnoreCase("HEAD") || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1); // no body: Content-Length 0 (none for HEAD, 204, 304)
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }
}
