package dev.s3notifications.testing;

import dev.s3notifications.api.S3Request;
import dev.s3notifications.authorization.Caller;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds S3 requests for tests, as the handler would from an API Gateway event, already authenticated. */
public final class S3Requests {
    public static final String ACCOUNT = "123456789012";
    public static final String OTHER_ACCOUNT = "210987654321";

    private String method = "GET";
    private String bucket;
    private final Map<String, List<String>> query = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private byte[] body = new byte[0];
    private Caller caller = Caller.accountRoot(ACCOUNT);

    public static S3Requests request(String method, String bucket) {
        S3Requests r = new S3Requests();
        r.method = method;
        r.bucket = bucket;
        return r;
    }

    public static S3Requests putNotification(String bucket, String xml) {
        return request("PUT", bucket).query("notification").body(xml);
    }

    public static S3Requests getNotification(String bucket) {
        return request("GET", bucket).query("notification");
    }

    public S3Requests query(String name) {
        return query(name, "");
    }

    public S3Requests query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    public S3Requests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public S3Requests body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public S3Requests body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** The caller is the root of {@code accountId}. */
    public S3Requests caller(String accountId) {
        return caller(Caller.accountRoot(accountId));
    }

    /** The caller; null makes the request anonymous. */
    public S3Requests caller(Caller caller) {
        this.caller = caller;
        return this;
    }

    public S3Request build() {
        String id = UUID.randomUUID().toString();
        return new S3Request(method, bucket, null, bucket == null ? "/" : "/" + bucket, false, query, headers, body, caller,
                "127.0.0.1",
                id.substring(0, 16).replace("-", "A").toUpperCase(), "host-" + id);
    }
}
