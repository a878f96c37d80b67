package dev.s3notifications.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests as an S3 client does (SigV4 for service s3, payload hash signed, the SDK's own signer on the
 * client's side): API Gateway events before a handler gets them, and plain HTTP requests for the local stack (or a
 * deployed API). The one place in the tests that sets the signer up.
 */
public final class SigV4Signing {
    /** What API Gateway adds on the way, which no client signs. */
    private static final Set<String> ADDED_BY_API_GATEWAY = Set.of("x-forwarded-for", "x-forwarded-port",
            "x-forwarded-proto", "x-amzn-trace-id", "via", "user-agent", "authorization", "x-amz-date",
            "x-amz-content-sha256", "x-amz-security-token");

    /** The headers java.net.http writes itself and refuses to be given. */
    private static final Set<String> WRITTEN_BY_THE_CLIENT = Set.of("host", "content-length");

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final Clock clock;

    public SigV4Signing(String accessKeyId, String secretAccessKey, String region, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.clock = clock;
    }

    /**
     * Replaces the event's signature (if any) with a valid one, made now, over what the client sent: the host, the
     * path with any stage ({@code requestContext.path}), the query and the headers API Gateway did not add.
     */
    public APIGatewayProxyRequestEvent sign(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        } else if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        }
        var context = event.getRequestContext();
        String host = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Host"))
                .map(e -> e.getValue().get(0)).findFirst().orElse(context.getDomainName());
        String path = context != null && context.getPath() != null ? context.getPath() : event.getPath();
        byte[] body = event.getBody() == null ? new byte[0] : Boolean.TRUE.equals(event.getIsBase64Encoded())
                ? Base64.getDecoder().decode(event.getBody()) : event.getBody().getBytes(StandardCharsets.UTF_8);

        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(event.getHttpMethod()))
                .protocol("https").host(host.replaceFirst(":\\d+$", "")).encodedPath(path);
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach(http::putRawQueryParameter);
        }
        headers.forEach((name, values) -> {
            if (!ADDED_BY_API_GATEWAY.contains(name.toLowerCase(Locale.ROOT))) {
                http.putHeader(name, values);
            }
        });
        http.putHeader("Host", host);
        SdkHttpRequest signed = sign(http.build(), body).request();

        headers.keySet().removeIf(name -> Set.of("authorization", "x-amz-date", "x-amz-content-sha256")
                .contains(name.toLowerCase(Locale.ROOT)));
        for (String name : List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256")) {
            headers.put(name, List.of(signed.firstMatchingHeader(name).orElseThrow()));
        }
        Map<String, String> single = new LinkedHashMap<>();
        headers.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        return event.withHeaders(single).withMultiValueHeaders(headers);
    }

    /** A signed java.net.http request; the HTTP client sends the same Host (host:port) that was signed. */
    public HttpRequest.Builder httpRequest(String method, URI uri, byte[] body) {
        return httpRequest(method, uri, Map.of(), body);
    }

    /**
     * A signed java.net.http request with {@code headers}, signed too. The HTTP client sends the same Host
     * (host:port) and Content-Length that were signed: those two it writes itself.
     */
    public HttpRequest.Builder httpRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method))
                .putHeader("Host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.forEach(http::putHeader);
        SdkHttpRequest signed = sign(http.build(), body).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!WRITTEN_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request;
    }

    private SignedRequest sign(SdkHttpRequest request, byte[] body) {
        return AwsV4HttpSigner.create().sign(r -> r.request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }
}
