package dev.s3notifications.authentication;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.store.AccessKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies AWS Signature Version 4 for service {@code s3}, in the {@code Authorization} header and in presigned
 * query strings. The expected signature is computed by the AWS SDK's own signer ({@link AwsV4HttpSigner}) from the
 * request exactly as the client signed it: only its signed headers, its date, its credential scope, its path as sent
 * (behind API Gateway that includes the stage or base path), and S3's rules: no double URL encoding, no path
 * normalisation, the payload hash as sent. Signatures are compared in constant time.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">Authorization header</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html">Query string (presigned URL)</a>
 */
final class SignatureV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String SERVICE = "s3";
    private static final String TERMINATOR = "aws4_request";
    private static final String EXPECTED_CREDENTIAL = "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
    /** S3 refuses presigned URLs valid for longer than a week. */
    private static final long MAX_EXPIRES_SECONDS = Duration.ofDays(7).toSeconds();
    /**
     * Headers the SDK signer never signs ({@code V4CanonicalRequest}'s list): a request that signed one of them
     * cannot be reproduced by it. No AWS SDK or CLI signs them; behind API Gateway their values are not the
     * client's anyway (API Gateway sets {@code X-Amzn-Trace-Id}, CloudFront rewrites {@code User-Agent}).
     */
    private static final Set<String> NEVER_SIGNED_BY_SDK = Set.of("connection", "x-amzn-trace-id", "user-agent", "expect");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SigningKeys keys;
    private final String region;
    private final Clock clock;

    SignatureV4(SigningKeys keys, String region, Clock clock) {
        this.keys = keys;
        this.region = region;
        this.clock = clock;
    }

    /** {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    Caller verifyHeader(S3Request request, String authorization) {
        Map<String, String> components = components(authorization.substring(ALGORITHM.length()));
        String credential = components.get("Credential");
        String signedHeaders = components.get("SignedHeaders");
        String signature = components.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw headerMalformed("the authorization header requires three components: Credential, SignedHeaders,"
                    + " and Signature.", null);
        }
        CredentialScope scope = CredentialScope.parse(credential);
        if (scope == null) {
            throw headerMalformed("the Credential is mal-formed; " + EXPECTED_CREDENTIAL, null);
        }
        checkScope(scope, S3Error.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; ");
        AccessKey key = keys.require(scope.accessKeyId());

        String amzDate = request.header("x-amz-date");
        Instant time = RequestTimes.parseAmzDate(amzDate);
        if (time == null) {
            throw RequestTimes.missingDate(key.accessKeyId());
        }
        if (!amzDate.startsWith(scope.date())) {
            throw headerMalformed("Invalid credential date \"" + scope.date() + "\". This date is not the same as"
                    + " X-Amz-Date: \"" + amzDate.substring(0, 8) + "\".", key.accessKeyId());
        }
        RequestTimes.checkSkew(time, amzDate, clock.instant(), key.accessKeyId());

        String contentSha256 = request.header(CONTENT_SHA256);
        if (contentSha256 == null) {
            throw new AuthenticationFailure(new S3Exception(S3Error.INVALID_REQUEST,
                    "Missing required header for this request: " + CONTENT_SHA256), key.accessKeyId(),
                    "no x-amz-content-sha256 header");
        }
        List<String> signed = List.of(signedHeaders.split(";", -1));
        checkSignedHeaders(request, signed, key.accessKeyId());
        boolean payloadSigned = payloadSigned(request, contentSha256, key.accessKeyId());

        SdkHttpRequest.Builder http = httpRequest(request, signed, Set.of());
        SignedRequest expected = sign(http, key, time, request.body(), payloadSigned, null);
        Map<String, String> expectedComponents = components(expected.request().firstMatchingHeader("Authorization")
                .orElseThrow().substring(ALGORITHM.length()));
        compare(request, key, scope, amzDate, signature, signedHeaders, expectedComponents.get("Signature"),
                expectedComponents.get("SignedHeaders"), expected.request().toBuilder().removeHeader("Authorization").build(),
                contentSha256);
        return SigningKeys.callerOf(key);
    }

    /** {@code ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...&X-Amz-Signature=...}. */
    Caller verifyPresigned(S3Request request) {
        String algorithm = request.queryValue("X-Amz-Algorithm");
        String credential = request.queryValue("X-Amz-Credential");
        String amzDate = request.queryValue("X-Amz-Date");
        String expires = request.queryValue("X-Amz-Expires");
        String signedHeaders = request.queryValue("X-Amz-SignedHeaders");
        String signature = request.queryValue("X-Amz-Signature");
        if (algorithm == null || credential == null || amzDate == null || expires == null || signedHeaders == null
                || signature == null) {
            throw queryError(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR.defaultMessage(), null);
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw queryError("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"", null);
        }
        CredentialScope scope = CredentialScope.parse(credential);
        if (scope == null) {
            throw queryError("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
                    + EXPECTED_CREDENTIAL, null);
        }
        checkScope(scope, S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Error parsing the X-Amz-Credential parameter; ");
        Instant time = RequestTimes.parseAmzDate(amzDate);
        if (time == null) {
            throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", null);
        }
        long validFor;
        try {
            validFor = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw queryError("X-Amz-Expires should be a number", null);
        }
        if (validFor < 0) {
            throw queryError("X-Amz-Expires must be non-negative", null);
        }
        if (validFor > MAX_EXPIRES_SECONDS) {
            throw queryError("X-Amz-Expires must be less than a week (in seconds) that is " + MAX_EXPIRES_SECONDS, null);
        }
        AccessKey key = keys.require(scope.accessKeyId());
        if (!amzDate.startsWith(scope.date())) {
            throw queryError("Invalid credential date \"" + scope.date() + "\". This date is not the same as"
                    + " X-Amz-Date: \"" + amzDate.substring(0, 8) + "\".", key.accessKeyId());
        }
        Instant now = clock.instant();
        if (time.isAfter(now.plus(RequestTimes.MAX_SKEW))) {
            throw new AuthenticationFailure(new S3Exception(S3Error.ACCESS_DENIED, "Request is not valid yet"),
                    key.accessKeyId(), "presigned URL dated " + amzDate + ", in the future");
        }
        Instant expiry = time.plusSeconds(validFor);
        if (validFor == 0 || now.isAfter(expiry)) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.ACCESS_DENIED, "Request has expired",
                    "X-Amz-Expires", expires, "Expires", RequestTimes.serverTime(expiry),
                    "ServerTime", RequestTimes.serverTime(now)), key.accessKeyId(), "presigned URL expired at " + expiry);
        }
        List<String> signed = List.of(signedHeaders.split(";", -1));
        checkSignedHeaders(request, signed, key.accessKeyId());

        SdkHttpRequest.Builder http = httpRequest(request, signed, Set.of("X-Amz-Signature"));
        SignedRequest expected = sign(http, key, time, null, false, Duration.ofSeconds(validFor));
        Map<String, List<String>> expectedQuery = expected.request().rawQueryParameters();
        compare(request, key, scope, amzDate, signature, signedHeaders, expectedQuery.get("X-Amz-Signature").get(0),
                expectedQuery.get("X-Amz-SignedHeaders").get(0),
                expected.request().toBuilder().removeQueryParameter("X-Amz-Signature").build(), UNSIGNED_PAYLOAD);
        return SigningKeys.callerOf(key);
    }

    /** The region, service and terminator S3 expects: the region this API serves, {@code s3}, {@code aws4_request}. */
    private void checkScope(CredentialScope scope, S3Error error, String prefix) {
        if (!scope.region().equals(region)) {
            throw new AuthenticationFailure(S3Exception.withDetails(error, prefix + "the region '" + scope.region()
                    + "' is wrong; expecting '" + region + "'", "Region", region), scope.accessKeyId(),
                    "credential scope names region " + scope.region());
        }
        if (!scope.service().equals(SERVICE)) {
            throw new AuthenticationFailure(new S3Exception(error, prefix + "incorrect service \"" + scope.service()
                    + "\". This endpoint belongs to \"" + SERVICE + "\"."), scope.accessKeyId(),
                    "credential scope names service " + scope.service());
        }
        if (!scope.terminator().equals(TERMINATOR)) {
            throw new AuthenticationFailure(new S3Exception(error, prefix + "incorrect terminal \"" + scope.terminator()
                    + "\". This endpoint uses \"" + TERMINATOR + "\"."), scope.accessKeyId(),
                    "credential scope ends with " + scope.terminator());
        }
    }

    /**
     * S3 refuses a request carrying {@code x-amz-*} headers it did not sign (someone could have added them on the
     * way), and the host must always be signed. {@code x-amz-cf-id} is CloudFront's, added in front of
     * edge-optimized API Gateway endpoints. A header named as signed must be there; {@code Content-Length} may be
     * missing from the proxy event and is then the body's length.
     */
    private static void checkSignedHeaders(S3Request request, List<String> signed, String accessKeyId) {
        Set<String> notSigned = new TreeSet<>();
        if (!signed.contains("host")) {
            notSigned.add("host");
        }
        for (String name : request.headers().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") && !signed.contains(lower) && !lower.equals("x-amz-cf-id")) {
                notSigned.add(lower);
            }
        }
        if (!notSigned.isEmpty()) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.ACCESS_DENIED,
                    "There were headers present in the request which were not signed", "HeadersNotSigned",
                    String.join(", ", notSigned)), accessKeyId, "headers not signed: " + notSigned);
        }
        for (String name : signed) {
            if (request.header(name) == null && !name.equals("content-length")) {
                throw new AuthenticationFailure(S3Exception.withDetails(S3Error.MISSING_SECURITY_HEADER,
                        S3Error.MISSING_SECURITY_HEADER.defaultMessage(), "MissingHeaderName", name), accessKeyId,
                        "signed header " + name + " is not in the request");
            }
        }
    }

    /**
     * Whether the client signed the body's SHA-256 ({@code x-amz-content-sha256} is the hash) or not
     * ({@code UNSIGNED-PAYLOAD}). A hash that is not the body's is S3's {@code XAmzContentSHA256Mismatch}; the
     * aws-chunked {@code STREAMING-*} forms are for object uploads, which this API does not serve.
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">Payload signing options</a>
     */
    private static boolean payloadSigned(S3Request request, String contentSha256, String accessKeyId) {
        if (contentSha256.equals(UNSIGNED_PAYLOAD)) {
            return false;
        }
        if (contentSha256.startsWith("STREAMING-")) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.NOT_IMPLEMENTED,
                    S3Error.NOT_IMPLEMENTED.defaultMessage(), "Header", CONTENT_SHA256), accessKeyId,
                    "aws-chunked payload " + contentSha256);
        }
        String computed = sha256Hex(request.body());
        if (!computed.equalsIgnoreCase(contentSha256)) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.X_AMZ_CONTENT_SHA256_MISMATCH,
                    S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.defaultMessage(), "ClientComputedContentSHA256", contentSha256,
                    "S3ComputedContentSHA256", computed), accessKeyId, "x-amz-content-sha256 is not the body's hash");
        }
        return true;
    }

    /** The request as the client signed it: its method, host, path as sent, query, and only its signed headers. */
    private static SdkHttpRequest.Builder httpRequest(S3Request request, List<String> signed, Set<String> leaveOut) {
        String host = request.header("Host");
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("https") // not part of the signature; with http the SDK would insist on signing the payload
                .host(host.replaceFirst(":\\d+$", ""))
                .encodedPath(request.path());
        request.query().forEach((name, values) -> {
            if (!leaveOut.contains(name)) {
                http.putRawQueryParameter(name, values);
            }
        });
        for (String name : signed) {
            String value = request.header(name);
            http.putHeader(name, value != null ? value
                    : name.equals("content-length") ? Integer.toString(request.body().length) : "");
        }
        return http;
    }

    private SignedRequest sign(SdkHttpRequest.Builder http, AccessKey key, Instant time, byte[] body,
            boolean payloadSigned, Duration presignedFor) {
        return SIGNER.sign(r -> {
            r.request(http.build())
                    .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigned)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC));
            if (payloadSigned) {
                r.payload(ContentStreamProvider.fromByteArrayUnsafe(body));
            }
            if (presignedFor != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignedFor);
            }
        });
    }

    /**
     * Compares the signatures in constant time; on a mismatch, answers with what S3 tells the client to debug it:
     * the string to sign and the canonical request we computed, as text and as bytes.
     *
     * @param signedRequest the request as the SDK signed it, without the signature itself
     * @param contentHash   the payload hash the canonical request ends with
     */
    private static void compare(S3Request request, AccessKey key, CredentialScope scope, String amzDate, String provided,
            String providedSignedHeaders, String expected, String expectedSignedHeaders, SdkHttpRequest signedRequest,
            String contentHash) {
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.getBytes(StandardCharsets.US_ASCII));
        if (same && expectedSignedHeaders.equals(providedSignedHeaders)) {
            return;
        }
        String reason = same ? "signed headers " + providedSignedHeaders + " cannot be reproduced" : "signature mismatch";
        for (String name : providedSignedHeaders.split(";")) {
            if (NEVER_SIGNED_BY_SDK.contains(name)) {
                reason = "signed header " + name + " cannot be reproduced";
            }
        }
        String canonicalRequest = new V4CanonicalRequest(signedRequest, contentHash,
                new V4CanonicalRequest.Options(false, false)).getCanonicalRequestString();
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope.scope() + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        throw new AuthenticationFailure(S3Exception.withDetails(S3Error.SIGNATURE_DOES_NOT_MATCH,
                S3Error.SIGNATURE_DOES_NOT_MATCH.defaultMessage(),
                "AWSAccessKeyId", key.accessKeyId(),
                "StringToSign", stringToSign,
                "SignatureProvided", provided,
                "StringToSignBytes", spacedHex(stringToSign),
                "CanonicalRequest", canonicalRequest,
                "CanonicalRequestBytes", spacedHex(canonicalRequest)), key.accessKeyId(), reason);
    }

    /** The components of a SigV4 Authorization header after the algorithm, by name: S3 accepts spaces or none. */
    private static Map<String, String> components(String text) {
        Map<String, String> components = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                components.putIfAbsent(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        return components;
    }

    private static AuthenticationFailure headerMalformed(String detail, String accessKeyId) {
        return new AuthenticationFailure(new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED,
                "The authorization header is malformed; " + detail), accessKeyId, "malformed Authorization header");
    }

    private static AuthenticationFailure queryError(String message, String accessKeyId) {
        return new AuthenticationFailure(new S3Exception(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message),
                accessKeyId, "malformed presigned query: " + message);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** S3's {@code ...Bytes} form: each UTF-8 byte as two lower-case hex digits, separated by spaces. */
    static String spacedHex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> hex = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            hex.add(HexFormat.of().toHexDigits(b));
        }
        return String.join(" ", hex);
    }
}
