package dev.s3notifications.api;

import dev.s3notifications.authorization.Caller;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One S3 request as the API sees it, whatever carried it (API Gateway, the local stack).
 *
 * @param bucket       the bucket addressed (path-style or virtual-hosted-style), or null for the service
 * @param key          the object key addressed, or null
 * @param path         the path exactly as the client sent (and signed) it, still percent-encoded, including any API
 *                     Gateway stage or custom-domain base path in front of the bucket
 * @param bucketInHost whether the bucket was named by the host ({@code <bucket>.<domain>}) rather than the path
 * @param query        query parameters, decoded; a bare {@code ?notification} maps to {@code [""]}
 * @param headers      request headers, looked up case-insensitively
 * @param caller       who sent the request, once its signature has been verified; null before
 * @param requestId    S3's {@code x-amz-request-id} for this request
 * @param hostId       S3's {@code x-amz-id-2} for this request
 */
public record S3Request(
        String method, String bucket, String key, String path, boolean bucketInHost,
        Map<String, List<String>> query, Map<String, String> headers, byte[] body,
        Caller caller, String sourceIp, String requestId, String hostId) {

    public S3Request {
        query = Map.copyOf(query);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
        body = body == null ? new byte[0] : body;
    }

    /** The same request, sent by {@code authenticated}. */
    public S3Request withCaller(Caller authenticated) {
        return new S3Request(method, bucket, key, path, bucketInHost, query, headers, body, authenticated, sourceIp,
                requestId, hostId);
    }

    /** The account the caller acts for, or null before authentication. */
    public String callerAccountId() {
        return caller == null ? null : caller.accountId();
    }

    public String header(String name) {
        return headers.get(name);
    }

    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    public String queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
