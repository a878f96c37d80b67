package dev.s3notifications.authentication;

import static dev.s3notifications.authentication.SignedRequests.refusal;
import static dev.s3notifications.authentication.SignedRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.store.AccessKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SigV4 verification against the signed examples of the S3 API reference (same key, same date, same signatures), and
 * every refusal with S3's code, status and elements.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">Examples: Signature Calculations</a>
 */
class SignatureV4Test {
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String ACCOUNT = "123456789012";
    static final String USER = "arn:aws:iam::123456789012:user/example";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final Instant SIGNED_AT = Instant.parse("2013-05-24T00:00:00Z");

    private final InMemoryAccessKeyStore keys = InMemoryAccessKeyStore.holding(
            new AccessKey(KEY_ID, SECRET, ACCOUNT, USER, true), new AccessKey("AKIADISABLED", SECRET, ACCOUNT, USER, false));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        JsonLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        JsonLog.redirect(System.out);
    }

    private S3RequestAuthenticator authenticator(Instant now) {
        return new S3RequestAuthenticator(keys, "us-east-1", Clock.fixed(now, ZoneOffset.UTC), null);
    }

    private final S3RequestAuthenticator authenticator = authenticator(SIGNED_AT.plusSeconds(60));

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + signedHeaders + ",Signature=" + signature;
    }

    /** PUT Object: the reference's second example, signed for the body "Welcome to Amazon S3.", sent with {@code body}. */
    private static SignedRequests putObject(String body) {
        return request("PUT", "examplebucket", "/test%24file.text").bucketInHost()
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
                .header("Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
                .body(body);
    }

    /** GET Object: the reference's first example. */
    private static SignedRequests getObject() {
        return request("GET", "examplebucket", "/test.txt").bucketInHost()
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Range", "bytes=0-9")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
    }

    @Test
    void acceptsTheReferencesGetObjectExample() {
        Caller caller = authenticator.authenticate(getObject().build());
        assertThat(caller).isEqualTo(new Caller(ACCOUNT, USER, KEY_ID));
    }

    @Test
    void acceptsTheReferencesPutObjectExampleWithItsSignedBody() {
        var request = putObject("Welcome to Amazon S3.");
        assertThat(authenticator.authenticate(request.build()).accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void acceptsTheReferencesSubresourceAndQueryExamples() {
        var lifecycle = request("GET", "examplebucket", "/").bucketInHost().query("lifecycle", "")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
        var listObjects = request("GET", "examplebucket", "/").bucketInHost().query("max-keys", "2").query("prefix", "J")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
        assertThat(authenticator.authenticate(lifecycle.build()).accountId()).isEqualTo(ACCOUNT);
        assertThat(authenticator.authenticate(listObjects.build()).accountId()).isEqualTo(ACCOUNT);
    }

    /** The reference's presigned GET Object URL, valid for 86400 seconds. */
    private static SignedRequests presigned() {
        return request("GET", "examplebucket", "/test.txt").bucketInHost()
                .header("Host", "examplebucket.s3.amazonaws.com")
                .query("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .query("X-Amz-Credential", KEY_ID + "/20130524/us-east-1/s3/aws4_request")
                .query("X-Amz-Date", "20130524T000000Z")
                .query("X-Amz-Expires", "86400")
                .query("X-Amz-SignedHeaders", "host")
                .query("X-Amz-Signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @Test
    void acceptsTheReferencesPresignedUrlUntilItExpires() {
        assertThat(authenticator(SIGNED_AT.plusSeconds(86400)).authenticate(presigned().build()).accessKeyId())
                .isEqualTo(KEY_ID);

        S3Exception expired = refusal(authenticator(SIGNED_AT.plusSeconds(86401)), presigned().build());
        assertThat(expired.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(expired.getMessage()).isEqualTo("Request has expired");
        assertThat(expired.details()).containsExactly(Map.entry("X-Amz-Expires", "86400"),
                Map.entry("Expires", "2013-05-25T00:00:00Z"), Map.entry("ServerTime", "2013-05-25T00:00:01Z"));
    }

    @Test
    void refusesAPresignedUrlDatedInTheFutureAndOneValidForMoreThanAWeek() {
        S3Exception early = refusal(authenticator(SIGNED_AT.minusSeconds(16 * 60)), presigned().build());
        assertThat(early.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(early.getMessage()).isEqualTo("Request is not valid yet");

        S3Exception tooLong = refusal(authenticator, presigned().query("X-Amz-Expires", "604801").build());
        assertThat(tooLong.error()).isEqualTo(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        assertThat(tooLong.getMessage()).isEqualTo("X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }

    @Test
    void aPresignedUrlWithATamperedQueryDoesNotMatch() {
        S3Exception tampered = refusal(authenticator, presigned().query("versionId", "1").build());
        assertThat(tampered.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(tampered.details().get("CanonicalRequest")).isEqualTo("""
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
                &X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&versionId=1
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD""");
    }

    @Test
    void aPresignedUrlMissingAParameterIsS3sQueryError() {
        S3Exception missing = refusal(authenticator, request("GET", "examplebucket", "/test.txt").bucketInHost()
                .header("Host", "examplebucket.s3.amazonaws.com").query("X-Amz-Signature", "aeee").build());
        assertThat(missing.error()).isEqualTo(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        assertThat(missing.error().status()).isEqualTo(400);
        assertThat(missing.getMessage()).isEqualTo("Query-string authentication version 4 requires the X-Amz-Algorithm,"
                + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchWithS3sDiagnostics() {
        var request = getObject().header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                "0000000000000000000000000000000000000000000000000000000000000000"));

        S3Exception error = refusal(authenticator, request.build());

        assertThat(error.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(error.error().status()).isEqualTo(403);
        assertThat(error.getMessage()).isEqualTo("The request signature we calculated does not match the signature you"
                + " provided. Check your key and signing method.");
        assertThat(error.details().keySet()).containsExactly("AWSAccessKeyId", "StringToSign", "SignatureProvided",
                "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes");
        // The canonical request and string to sign the reference gives for this example.
        assertThat(error.details().get("CanonicalRequest")).isEqualTo("""
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(error.details().get("StringToSign")).isEqualTo("""
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""");
        assertThat(error.details().get("StringToSignBytes")).startsWith("41 57 53 34 2d 48 4d 41 43");
        assertThat(error.details().get("SignatureProvided")).isEqualTo("0".repeat(64));
        assertThat(error.details().get("AWSAccessKeyId")).isEqualTo(KEY_ID);
    }

    /**
     * The diagnostics come from the SDK's canonical request class, the signature from its public signer: signing the
     * reported string to sign with the key must give the signature the signer accepted, or an SDK upgrade split them.
     */
    @Test
    void theReportedStringToSignIsTheOneTheSignerSigned() throws Exception {
        var request = getObject().header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42"));
        String stringToSign = refusal(authenticator, request.build()).details().get("StringToSign");
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20130524");
        for (String part : new String[] {"us-east-1", "s3", "aws4_request"}) {
            key = hmac(key, part);
        }
        assertThat(HexFormat.of().formatHex(hmac(key, stringToSign)))
                .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTamperedHeaderOrPathDoesNotMatch() {
        assertThat(refusal(authenticator, getObject().header("Range", "bytes=0-99").build()).error())
                .isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        var otherPath = request("GET", "examplebucket", "/test2.txt").bucketInHost();
        getObject().build().headers().forEach(otherPath::header);
        assertThat(refusal(authenticator, otherPath.build()).error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void anUnknownOrDisabledKeyIsInvalidAccessKeyId() {
        for (String id : new String[] {"AKIAUNKNOWN", "AKIADISABLED"}) {
            var request = getObject().header("Authorization", getObject().build().header("Authorization")
                    .replace(KEY_ID, id));
            S3Exception error = refusal(authenticator, request.build());
            assertThat(error.error()).isEqualTo(S3Error.INVALID_ACCESS_KEY_ID);
            assertThat(error.error().status()).isEqualTo(403);
            assertThat(error.getMessage()).isEqualTo("The AWS Access Key Id you provided does not exist in our records.");
            assertThat(error.details()).containsExactly(Map.entry("AWSAccessKeyId", id));
        }
    }

    @Test
    void aSkewedClockIsRequestTimeTooSkewed() {
        S3Exception error = refusal(authenticator(SIGNED_AT.plusSeconds(15 * 60 + 1)), getObject().build());
        assertThat(error.error()).isEqualTo(S3Error.REQUEST_TIME_TOO_SKEWED);
        assertThat(error.error().status()).isEqualTo(403);
        assertThat(error.getMessage()).isEqualTo("The difference between the request time and the current time is too large.");
        assertThat(error.details()).containsExactly(Map.entry("RequestTime", "20130524T000000Z"),
                Map.entry("ServerTime", "2013-05-24T00:15:01Z"), Map.entry("MaxAllowedSkewMilliseconds", "900000"));

        assertThat(authenticator(SIGNED_AT.minusSeconds(15 * 60)).authenticate(getObject().build())).isNotNull();
        assertThat(refusal(authenticator(SIGNED_AT.minusSeconds(15 * 60 + 1)), getObject().build()).error())
                .isEqualTo(S3Error.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void aCredentialForAnotherRegionIsAuthorizationHeaderMalformedNamingOurs() {
        var request = getObject().header("Authorization", getObject().build().header("Authorization")
                .replace("/us-east-1/", "/eu-west-1/"));
        S3Exception error = refusal(authenticator, request.build());
        assertThat(error.error()).isEqualTo(S3Error.AUTHORIZATION_HEADER_MALFORMED);
        assertThat(error.error().status()).isEqualTo(400);
        assertThat(error.getMessage())
                .isEqualTo("The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
        assertThat(error.details()).containsExactly(Map.entry("Region", "us-east-1"));
    }

    @Test
    void malformedCredentialsAndHeaders() {
        String header = getObject().build().header("Authorization");
        Map<String, String> cases = Map.of(
                header.replace("/s3/", "/sqs/"),
                "The authorization header is malformed; incorrect service \"sqs\". This endpoint belongs to \"s3\".",
                header.replace("aws4_request", "aws4_reqest"),
                "The authorization header is malformed; incorrect terminal \"aws4_reqest\". This endpoint uses \"aws4_request\".",
                header.replace(KEY_ID + "/", KEY_ID),
                "The authorization header is malformed; the Credential is mal-formed; expecting"
                        + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".",
                header.substring(0, header.indexOf(",Signature")),
                "The authorization header is malformed; the authorization header requires three components:"
                        + " Credential, SignedHeaders, and Signature.",
                header.replace("/20130524/", "/20130523/"),
                "The authorization header is malformed; Invalid credential date \"20130523\". This date is not the same"
                        + " as X-Amz-Date: \"20130524\".");
        cases.forEach((authorization, message) -> {
            S3Exception error = refusal(authenticator, getObject().header("Authorization", authorization).build());
            assertThat(error.error()).isEqualTo(S3Error.AUTHORIZATION_HEADER_MALFORMED);
            assertThat(error.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aMissingDateOrContentHashIsRefusedAsS3Does() {
        S3Exception noDate = refusal(authenticator, getObject().withoutHeader("x-amz-date").build());
        assertThat(noDate.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(noDate.getMessage()).isEqualTo("AWS authentication requires a valid Date or x-amz-date header");

        S3Exception noHash = refusal(authenticator, getObject().withoutHeader("x-amz-content-sha256").build());
        assertThat(noHash.error()).isEqualTo(S3Error.INVALID_REQUEST);
        assertThat(noHash.getMessage()).isEqualTo("Missing required header for this request: x-amz-content-sha256");
    }

    @Test
    void aBodyThatIsNotTheSignedOneIsXAmzContentSHA256Mismatch() {
        var request = putObject("Welcome to Amazon S4.");
        S3Exception error = refusal(authenticator, request.build());
        assertThat(error.error()).isEqualTo(S3Error.X_AMZ_CONTENT_SHA256_MISMATCH);
        assertThat(error.error().status()).isEqualTo(400);
        assertThat(error.getMessage()).isEqualTo("The provided 'x-amz-content-sha256' header does not match what was computed.");
        assertThat(error.details()).containsExactly(
                Map.entry("ClientComputedContentSHA256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"),
                Map.entry("S3ComputedContentSHA256", SignatureV4.sha256Hex("Welcome to Amazon S4.".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anUnsignedPayloadIsNotHashedAndStreamingPayloadsAreNotImplemented() {
        S3Exception unsigned = refusal(authenticator, getObject().header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .body("anything").build());
        assertThat(unsigned.error()).as("signed with the empty body's hash, not UNSIGNED-PAYLOAD")
                .isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(unsigned.details().get("CanonicalRequest")).endsWith("\nUNSIGNED-PAYLOAD");

        S3Exception streaming = refusal(authenticator, getObject()
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD").build());
        assertThat(streaming.error()).isEqualTo(S3Error.NOT_IMPLEMENTED);
        assertThat(streaming.details()).containsExactly(Map.entry("Header", "x-amz-content-sha256"));
    }

    @Test
    void anAmzHeaderAddedAfterSigningIsRefusedAndCloudFrontsIsNot() {
        S3Exception added = refusal(authenticator, getObject().header("x-amz-expected-bucket-owner", "210987654321")
                .header("X-Amz-Meta-Note", "x").build());
        assertThat(added.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(added.getMessage()).isEqualTo("There were headers present in the request which were not signed");
        assertThat(added.details()).containsExactly(Map.entry("HeadersNotSigned", "x-amz-expected-bucket-owner, x-amz-meta-note"));

        assertThat(authenticator.authenticate(getObject().header("X-Amz-Cf-Id", "cloudfront-request-id")
                .header("X-Amzn-Trace-Id", "Root=1-0").header("X-Forwarded-For", "203.0.113.7").build())).isNotNull();
    }

    @Test
    void aSignedHeaderMissingFromTheRequestIsMissingSecurityHeader() {
        S3Exception error = refusal(authenticator, getObject().withoutHeader("Range").build());
        assertThat(error.error()).isEqualTo(S3Error.MISSING_SECURITY_HEADER);
        assertThat(error.error().status()).isEqualTo(400);
        assertThat(error.details()).containsExactly(Map.entry("MissingHeaderName", "range"));
    }

    @Test
    void anonymousRequestsAreAccessDeniedUnlessUnsignedRequestsAreTrusted() {
        var anonymous = request("GET", "examplebucket", "/").header("Host", "localhost").build();
        S3Exception error = refusal(authenticator, anonymous);
        assertThat(error.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(error.getMessage()).isEqualTo("Access Denied");

        var trusting = new S3RequestAuthenticator(keys, "us-east-1", Clock.systemUTC(), "210987654321");
        assertThat(trusting.authenticate(anonymous)).isEqualTo(Caller.accountRoot("210987654321"));
        assertThat(refusal(trusting, getObject().build()).error()).as("signed requests are still verified")
                .isEqualTo(S3Error.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void otherAuthorizationSchemesAndTwoSignaturesAreInvalidArgument() {
        S3Exception bearer = refusal(authenticator, getObject().header("Authorization", "Bearer abc").build());
        assertThat(bearer.error()).isEqualTo(S3Error.INVALID_ARGUMENT);
        assertThat(bearer.getMessage()).isEqualTo("Unsupported Authorization Type");
        assertThat(bearer.details()).containsExactly(Map.entry("ArgumentName", "Authorization"),
                Map.entry("ArgumentValue", "Bearer abc"));

        S3Exception both = refusal(authenticator, getObject().query("X-Amz-Signature", "abc").build());
        assertThat(both.error()).isEqualTo(S3Error.INVALID_ARGUMENT);
        assertThat(both.getMessage()).startsWith("Only one auth mechanism allowed;");
    }

    @Test
    void failuresAreLoggedWithKeyIdSourceIpAndReasonButNeverTheSecretOrSignature() {
        refusal(authenticator, getObject().header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                "1111111111111111111111111111111111111111111111111111111111111111")).build());
        refusal(authenticator, request("GET", "examplebucket", "/").header("Host", "localhost").build());

        String[] lines = log.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"message\":\"authentication failed\"", "\"accessKeyId\":\"" + KEY_ID + "\"",
                "\"sourceIp\":\"203.0.113.7\"", "\"code\":\"SignatureDoesNotMatch\"", "\"reason\":\"signature mismatch\"");
        assertThat(lines[1]).contains("\"reason\":\"anonymous request\"", "\"code\":\"AccessDenied\"");
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET).doesNotContain("1111111111111111")
                .doesNotContain("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }
}
