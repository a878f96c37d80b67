package dev.s3notifications.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One S3 request as the API sees it, whatever carried it (API Gateway, the local stack).
 *
 * @param bucket          the bucket addressed (path-style or virtual-hosted-style), or null for the service
 * @param key             the object key addressed, or null
 * @param query           query parameters; a bare {@code ?notification} maps to {@code [""]}
 * @param headers         request headers, looked up case-insensitively
 * @param callerAccountId the AWS account the caller acts for
 * @param requestId       S3's {@code x-amz-request-id} for this request
 * @param hostId          S3's {@code x-amz-id-2} for this request
 */
public record S3Request(
        String method, String bucket, String key, Map<String, List<String>> query, Map<String, String> headers,
        byte[] body, String callerAccountId, String sourceIp, String requestId, String hostId) {

    public S3Request {
        query = Map.copyOf(query);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
        body = body == null ? new byte[0] : body;
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
