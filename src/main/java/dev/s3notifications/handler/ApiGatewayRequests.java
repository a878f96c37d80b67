package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.api.S3RequestIds;
import dev.s3notifications.api.S3Response;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns API Gateway REST (v1 proxy) events into S3 requests and S3 responses back into proxy responses. The
 * bucket comes from the host ({@code <bucket>.<domain>}, virtual-hosted-style) or from the path (path-style).
 * <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html">Proxy integration input format</a>
 */
final class ApiGatewayRequests {
    private final List<String> virtualHostDomains;

    ApiGatewayRequests(List<String> virtualHostDomains) {
        this.virtualHostDomains = virtualHostDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** The request, not yet authenticated: its caller is null until the API has verified its signature. */
    S3Request toS3Request(APIGatewayProxyRequestEvent event, String invocationId) {
        Map<String, String> headers = headers(event);
        var context = event.getRequestContext();
        String path = event.getPath() == null ? "/" : event.getPath();
        String bucket;
        String key;
        String hostBucket = bucketFromHost(headerValue(headers, "Host"));
        if (hostBucket != null) {
            bucket = hostBucket;
            key = path.length() > 1 ? path.substring(1) : null;
        } else if (pathParameter(event, "bucket") != null) {
            // Behind a custom domain with a base path mapping, event.path keeps the base path ("/v1/photos") and
            // sometimes the stage; the route's own parameters name the bucket whatever the mapping.
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
            bucket = pathParameter(event, "bucket");
            key = pathParameter(event, "key");
        } else {
            String[] parts = path.replaceFirst("^/+", "").split("/", 2);
            bucket = parts[0].isEmpty() ? null : parts[0];
            key = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        }
        if (headerValue(headers, "Host") == null && context != null && context.getDomainName() != null) {
            headers.put("Host", context.getDomainName()); // hand-made events may leave it out
        }
        byte[] body = event.getBody() == null ? new byte[0]
                : Boolean.TRUE.equals(event.getIsBase64Encoded()) ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        var identity = context == null ? null : context.getIdentity();
        return new S3Request(event.getHttpMethod().toUpperCase(Locale.ROOT), bucket, key, signedPath(event, path),
                hostBucket != null, query(event), headers, body, null, identity == null ? null : identity.getSourceIp(),
                S3RequestIds.requestId(invocationId), S3RequestIds.hostId(invocationId));
    }

    /**
     * The path the client sent and signed. A REST API's {@code event.path} lacks the stage of the default endpoint
     * ({@code /prod/photos} arrives as {@code /photos}); {@code requestContext.path} keeps it, keeps a custom
     * domain's base path, and stays percent-encoded as sent. Signatures cover this path, not the route's.
     * <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference">$context.path</a>
     */
    private static String signedPath(APIGatewayProxyRequestEvent event, String eventPath) {
        var context = event.getRequestContext();
        String contextPath = context == null ? null : context.getPath();
        return contextPath == null || contextPath.isEmpty() ? eventPath : contextPath;
    }

    static APIGatewayProxyResponseEvent toResponseEvent(S3Response response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    private String bucketFromHost(String host) {
        if (host == null) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        for (String domain : virtualHostDomains) {
            if (name.endsWith("." + domain)) {
                return name.substring(0, name.length() - domain.length() - 1);
            }
        }
        return null;
    }

    private static String pathParameter(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Headers by name; a header sent several times is joined with commas, as HTTP defines. */
    private static Map<String, String> headers(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null) {
                    headers.put(name, String.join(",", values));
                }
            });
        } else if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        return headers;
    }

    private static String headerValue(Map<String, String> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Query parameters; API Gateway gives null (not an empty map) when there is no query string. */
    private static Map<String, List<String>> query(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> query = new HashMap<>();
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach((name, values) ->
                    query.put(name, values == null ? List.of("") : List.copyOf(values)));
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value == null ? "" : value)));
        }
        return query;
    }
}
