package dev.s3notifications.priming;

import dev.s3notifications.json.JsonValues;
import dev.s3notifications.store.AccessKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * An API Gateway proxy event of {@code events/api} ({@link Samples}): an S3 request as its client sent it through API
 * Gateway, signed on the day it was recorded, long ago. Priming changes what it must and {@linkplain #signedWith
 * signs it again}, as the client would sign it now.
 */
final class SampleRequest {
    /** What API Gateway adds on the way, which no client signs; and the signature's own headers. */
    private static final Set<String> UNSIGNED = Set.of("x-forwarded-for", "x-forwarded-port", "x-forwarded-proto",
            "x-amzn-trace-id", "via", "user-agent", "authorization", "x-amz-date", "x-amz-content-sha256");
    /** What a body's digests are sent in: a new body drops them. */
    private static final List<String> DIGEST_HEADERS = List.of("content-md5", "x-amz-sdk-checksum-algorithm", "x-amz-checksum-");

    private final Map<String, Object> event;

    private SampleRequest(Map<String, Object> event) {
        this.event = event;
    }

    /** The sample {@code events/api/<name>.json}. */
    static SampleRequest load(String name) {
        return new SampleRequest(Samples.load("api/" + name + ".json"));
    }

    /** The bucket the request names. */
    String bucket() {
        return (String) Samples.object(event, "pathParameters").get("bucket");
    }

    /** The body, as text. */
    String body() {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Sets the header {@code name} (in any case) to {@code value}, in both places API Gateway sends every header:
     * its last value by name ({@code headers}), and all its values ({@code multiValueHeaders}). Returns this request.
     */
    SampleRequest withHeader(String name, String value) {
        removeHeaders(name::equalsIgnoreCase);
        Samples.object(event, "headers").put(name, value);
        if (event.get("multiValueHeaders") != null) {
            Samples.object(event, "multiValueHeaders").put(name, List.of(value));
        }
        return this;
    }

    /** Replaces the body, with its length, and drops the digests of the old one. Returns this request. */
    SampleRequest withBody(String body) {
        removeHeaders(name -> DIGEST_HEADERS.stream().anyMatch(name.toLowerCase(Locale.ROOT)::startsWith));
        event.put("body", body);
        event.put("isBase64Encoded", false);
        if (header("Content-Length") != null) {
            withHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        return this;
    }

    /**
     * The event's JSON, signed again now with {@code key} for {@code region} as an S3 client signs (SigV4 for
     * service s3, payload hash signed): every header the client sent, the path with the stage, the query.
     */
    byte[] signedWith(AccessKey key, String region) {
        String host = header("Host");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue((String) event.get("httpMethod")))
                .protocol("https").host(host).encodedPath((String) Samples.object(event, "requestContext").get("path"));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> query = (Map<String, List<String>>) event.get("multiValueQueryStringParameters");
        if (query != null) {
            query.forEach(request::putRawQueryParameter);
        }
        Samples.object(event, "headers").forEach((name, value) -> {
            if (!UNSIGNED.contains(name.toLowerCase(Locale.ROOT))) {
                request.putHeader(name, (String) value);
            }
        });
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                .request(request.build()).payload(ContentStreamProvider.fromByteArray(bodyBytes()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
        for (String name : List.of("Authorization", "X-Amz-Date", "X-Amz-Content-SHA256")) {
            withHeader(name, signed.firstMatchingHeader(name).orElseThrow());
        }
        return JsonValues.write(event);
    }

    private byte[] bodyBytes() {
        Object body = event.get("body");
        if (body == null) {
            return new byte[0];
        }
        return Boolean.TRUE.equals(event.get("isBase64Encoded")) ? Base64.getDecoder().decode((String) body)
                : ((String) body).getBytes(StandardCharsets.UTF_8);
    }

    private String header(String name) {
        for (Map.Entry<String, Object> header : Samples.object(event, "headers").entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return (String) header.getValue();
            }
        }
        return null;
    }

    private void removeHeaders(Predicate<String> names) {
        Samples.object(event, "headers").keySet().removeIf(names);
        if (event.get("multiValueHeaders") != null) {
            Samples.object(event, "multiValueHeaders").keySet().removeIf(names);
        }
    }
}
