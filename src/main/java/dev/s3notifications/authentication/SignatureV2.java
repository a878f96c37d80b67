package dev.s3notifications.authentication;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.store.AccessKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 2 ({@code Authorization: AWS <access key id>:<signature>}, and its query-string
 * form {@code ?AWSAccessKeyId=...&Expires=...&Signature=...}), which older clients and Huawei OBS's samples still
 * use. No AWS SDK signer for it remains, so the string to sign is built here, as the S3 documentation defines it,
 * and signed with HMAC-SHA1; signatures are compared in constant time.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html">Signing and authenticating REST requests</a>
 */
final class SignatureV2 {
    static final String PREFIX = "AWS ";
    /**
     * The query keys that are part of the resource being signed ("sub-resources" and response overrides), as the S3
     * documentation lists them, plus those botocore's signer adds for newer bucket sub-resources.
     */
    private static final Set<String> SIGNED_SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "cors",
            "defaultObjectAcl", "delete", "intelligent-tiering", "inventory", "lifecycle", "location", "logging",
            "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "select",
            "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website");

    private final SigningKeys keys;
    private final Clock clock;

    SignatureV2(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    Caller verifyHeader(S3Request request, String authorization) {
        String credentials = authorization.substring(PREFIX.length()).trim();
        int colon = credentials.lastIndexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw new AuthenticationFailure(S3Exception.invalidArgument(
                    "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature", "Authorization",
                    authorization), null, "malformed SigV2 Authorization header");
        }
        AccessKey key = keys.require(credentials.substring(0, colon));
        // x-amz-date, when sent, is the request time and the Date line of the string to sign stays empty
        String amzDate = request.header("x-amz-date");
        String sentTime = amzDate != null ? amzDate : request.header("Date");
        Instant time = RequestTimes.parseHttpDate(sentTime);
        if (time == null) {
            throw RequestTimes.missingDate(key.accessKeyId());
        }
        RequestTimes.checkSkew(time, sentTime, clock.instant(), key.accessKeyId());
        String stringToSign = stringToSign(request, amzDate != null ? "" : sentTime);
        compare(key, stringToSign, credentials.substring(colon + 1));
        return SigningKeys.callerOf(key);
    }

    /** The query-string form: {@code Expires} (seconds since the epoch) takes the place of the date. */
    Caller verifyQuery(S3Request request) {
        String accessKeyId = request.queryValue("AWSAccessKeyId");
        String expires = request.queryValue("Expires");
        String signature = request.queryValue("Signature");
        AccessKey key = keys.require(accessKeyId == null ? "" : accessKeyId);
        Instant expiry;
        try {
            expiry = Instant.ofEpochSecond(Long.parseLong(expires));
        } catch (RuntimeException e) {
            throw new AuthenticationFailure(S3Exception.invalidArgument("Invalid Expires parameter", "Expires",
                    String.valueOf(expires)), key.accessKeyId(), "presigned URL without a valid Expires");
        }
        Instant now = clock.instant();
        if (now.isAfter(expiry)) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.ACCESS_DENIED, "Request has expired",
                    "Expires", RequestTimes.serverTime(expiry), "ServerTime", RequestTimes.serverTime(now)),
                    key.accessKeyId(), "presigned URL expired at " + expiry);
        }
        compare(key, stringToSign(request, expires), signature == null ? "" : signature);
        return SigningKeys.callerOf(key);
    }

    /**
     * {@code Method\nContent-MD5\nContent-Type\nDate\n} then the {@code x-amz-*} headers and the resource, then the
     * signed sub-resources in order, a value after {@code =} only when it has one. The resource is S3's name for what
     * is addressed, {@code /<bucket>/<key>}, whatever the addressing style; a request on the bucket itself ends with
     * its slash ({@code /photos/}, as botocore signs and S3 requires). It is not the URL's path, so an API Gateway
     * stage in front of it is no part of it: clients sign the bucket and key, which they know, not the endpoint's path.
     */
    static String stringToSign(S3Request request, String date) {
        StringBuilder text = new StringBuilder()
                .append(request.method()).append('\n')
                .append(valueOrEmpty(request.header("Content-MD5"))).append('\n')
                .append(valueOrEmpty(request.header("Content-Type"))).append('\n')
                .append(date).append('\n');
        Map<String, String> amzHeaders = new TreeMap<>();
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") && !lower.equals("x-amz-cf-id")) { // x-amz-cf-id: CloudFront's own
                amzHeaders.put(lower, value.trim());
            }
        });
        amzHeaders.forEach((name, value) -> text.append(name).append(':').append(value).append('\n'));
        text.append(resource(request));
        char separator = '?';
        for (var entry : new TreeMap<>(request.query()).entrySet()) {
            if (!SIGNED_SUBRESOURCES.contains(entry.getKey())) {
                continue;
            }
            List<String> values = entry.getValue();
            String value = values.isEmpty() ? "" : values.get(0);
            text.append(separator).append(entry.getKey());
            if (!value.isEmpty()) {
                text.append('=').append(value);
            }
            separator = '&';
        }
        return text.toString();
    }

    /** {@code /}, {@code /<bucket>/} or {@code /<bucket>/<key>}, the key as it was sent (percent-encoded). */
    static String resource(S3Request request) {
        if (request.bucket() == null) {
            return "/";
        }
        String key = "";
        if (request.key() != null) {
            String path = request.path();
            int bucketAt = path.indexOf("/" + request.bucket() + "/");
            key = request.bucketInHost() ? path.substring(1)
                    : bucketAt >= 0 ? path.substring(bucketAt + request.bucket().length() + 2) : request.key();
        }
        return "/" + request.bucket() + "/" + key;
    }

    private static void compare(AccessKey key, String stringToSign, String provided) {
        byte[] expected = hmacSha1(key.secretAccessKey(), stringToSign);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(provided);
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    S3Error.SIGNATURE_DOES_NOT_MATCH.defaultMessage(),
                    "AWSAccessKeyId", key.accessKeyId(),
                    "StringToSign", stringToSign,
                    "SignatureProvided", provided,
                    "StringToSignBytes", SignatureV4.spacedHex(stringToSign)), key.accessKeyId(), "signature mismatch");
        }
    }

    private static byte[] hmacSha1(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA1", e);
        }
    }

    private static String valueOrEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
