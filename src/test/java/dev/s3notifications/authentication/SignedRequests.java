package dev.s3notifications.authentication;

import dev.s3notifications.api.S3Exception;
import dev.s3notifications.api.S3Request;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests as they reach the authenticator: path as sent, headers as sent, not yet authenticated. */
final class SignedRequests {
    private final String method;
    private final String bucket;
    private final String path;
    private boolean bucketInHost;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private SignedRequests(String method, String bucket, String path) {
        this.method = method;
        this.bucket = bucket;
        this.path = path;
    }

    static SignedRequests request(String method, String bucket, String path) {
        return new SignedRequests(method, bucket, path);
    }

    SignedRequests bucketInHost() {
        this.bucketInHost = true;
        return this;
    }

    SignedRequests query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    SignedRequests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    SignedRequests withoutHeader(String name) {
        headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
        return this;
    }

    SignedRequests body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    S3Request build() {
        return new S3Request(method, bucket, null, path, bucketInHost, query, headers, body, null, "203.0.113.7",
                "REQUEST0000000001", "host-id");
    }

    /** The S3 error the authenticator answers with, or an assertion failure if it accepts the request. */
    static S3Exception refusal(S3RequestAuthenticator authenticator, S3Request request) {
        try {
            throw new AssertionError("accepted as " + authenticator.authenticate(request));
        } catch (S3Exception e) {
            return e;
        }
    }
}
