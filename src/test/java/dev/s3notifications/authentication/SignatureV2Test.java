package dev.s3notifications.authentication;

import static dev.s3notifications.authentication.SignatureV4Test.ACCOUNT;
import static dev.s3notifications.authentication.SignatureV4Test.KEY_ID;
import static dev.s3notifications.authentication.SignatureV4Test.SECRET;
import static dev.s3notifications.authentication.SignatureV4Test.USER;
import static dev.s3notifications.authentication.SignedRequests.refusal;
import static dev.s3notifications.authentication.SignedRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.store.AccessKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SigV2 verification. There is no AWS SDK signer for SigV2 to check against: the signatures here are what an
 * independent implementation sent, a boto3 1.43.11 client with {@code signature_version='s3'} (botocore's HmacV1Auth
 * and HmacV1QueryAuth, its Date fixed), captured before sending, with the reference's example key.
 */
class SignatureV2Test {
    private static final Instant SIGNED_AT = Instant.parse("2026-11-22T10:15:00Z");
    private static final String DATE = "Sun, 22 Nov 2026 10:15:00 GMT";

    private final S3RequestAuthenticator authenticator = authenticator(SIGNED_AT.plusSeconds(30));

    private static S3RequestAuthenticator authenticator(Instant now) {
        InMemoryAccessKeyStore keys = InMemoryAccessKeyStore.holding(new AccessKey(KEY_ID, SECRET, ACCOUNT, USER, true));
        return new S3RequestAuthenticator(keys, "us-east-1", Clock.fixed(now, ZoneOffset.UTC), null);
    }

    /** GET http://localhost:9090/photos?notification */
    private static SignedRequests getNotification() {
        return request("GET", "photos", "/photos").query("notification", "")
                .header("Host", "localhost:9090").header("Date", DATE)
                .header("Authorization", "AWS " + KEY_ID + ":DUl2meinzEmcFQEKJdUAKCPsay4=");
    }

    @Test
    void acceptsAHeaderSignedGetWithItsSubresource() {
        assertThat(authenticator.authenticate(getNotification().build())).isEqualTo(new Caller(ACCOUNT, USER, KEY_ID));
    }

    @Test
    void acceptsAPutBehindAStageWithAnAmzHeaderTheStageBeingNoPartOfTheResource() {
        // PUT http://localhost:9090/prod/photos?notification: botocore signs /photos/?notification
        var request = request("PUT", "photos", "/prod/photos").query("notification", "")
                .header("Host", "localhost:9090").header("Date", DATE)
                .header("x-amz-expected-bucket-owner", "123456789012")
                .header("Authorization", "AWS " + KEY_ID + ":NdzFlXHPt2Tthh/oj3j2nnmoPN0=")
                .body("<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\" />");
        assertThat(authenticator.authenticate(request.build()).accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void theResourceIsTheBucketAndKeyWhateverTheAddressing() {
        assertThat(SignatureV2.resource(request("GET", null, "/").build())).isEqualTo("/");
        assertThat(SignatureV2.resource(request("GET", "photos", "/prod/photos").build())).isEqualTo("/photos/");
        assertThat(SignatureV2.resource(request("GET", "photos", "/").bucketInHost().build())).isEqualTo("/photos/");
    }

    @Test
    void aVirtualHostedRequestSignsTheBucketInItsResource() {
        // GET http://photos.s3.example.com/?policy
        var request = request("GET", "photos", "/").bucketInHost().query("policy", "")
                .header("Host", "photos.s3.example.com").header("Date", DATE)
                .header("Authorization", "AWS " + KEY_ID + ":SISxmDXYx31cVcUryeCTuV5NGqs=");
        assertThat(authenticator.authenticate(request.build()).accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void acceptsAPresignedUrlUntilItsExpiresTime() {
        // http://localhost:9090/photos?notification&AWSAccessKeyId=...&Signature=...&Expires=1795342500 (10:15:00Z)
        var request = request("GET", "photos", "/photos").query("notification", "").header("Host", "localhost:9090")
                .query("AWSAccessKeyId", KEY_ID).query("Signature", "53kqTTE5F/EdbBG2DKo3ej7lors=")
                .query("Expires", "1795342500");
        assertThat(authenticator(SIGNED_AT).authenticate(request.build()).accessKeyId()).isEqualTo(KEY_ID);

        S3Exception expired = refusal(authenticator(SIGNED_AT.plusSeconds(1)), request.build());
        assertThat(expired.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(expired.getMessage()).isEqualTo("Request has expired");
        assertThat(expired.details()).containsExactly(Map.entry("Expires", "2026-11-22T10:15:00Z"),
                Map.entry("ServerTime", "2026-11-22T10:15:01Z"));
    }

    @Test
    void aWrongSignatureIsSignatureDoesNotMatchWithTheStringToSign() {
        S3Exception error = refusal(authenticator, getNotification()
                .header("Authorization", "AWS " + KEY_ID + ":AAAAAAAAAAAAAAAAAAAAAAAAAAA=").build());
        assertThat(error.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(error.details()).containsExactly(Map.entry("AWSAccessKeyId", KEY_ID),
                Map.entry("StringToSign", "GET\n\n\n" + DATE + "\n/photos/?notification"),
                Map.entry("SignatureProvided", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                Map.entry("StringToSignBytes", SignatureV4.spacedHex("GET\n\n\n" + DATE + "\n/photos/?notification")));
    }

    @Test
    void aTamperedAmzHeaderOrContentTypeDoesNotMatch() {
        assertThat(refusal(authenticator, getNotification().header("x-amz-expected-bucket-owner", "123456789012").build())
                .error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(refusal(authenticator, getNotification().header("Content-Type", "text/plain").build()).error())
                .isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void anUnknownKeyASkewedClockAndAMissingDateAreRefused() {
        S3Exception unknown = refusal(authenticator, getNotification()
                .header("Authorization", "AWS AKIAUNKNOWN:DUl2meinzEmcFQEKJdUAKCPsay4=").build());
        assertThat(unknown.error()).isEqualTo(S3Error.INVALID_ACCESS_KEY_ID);
        assertThat(unknown.details()).containsExactly(Map.entry("AWSAccessKeyId", "AKIAUNKNOWN"));

        S3Exception skewed = refusal(authenticator(SIGNED_AT.plusSeconds(16 * 60)), getNotification().build());
        assertThat(skewed.error()).isEqualTo(S3Error.REQUEST_TIME_TOO_SKEWED);
        assertThat(skewed.details()).containsEntry("RequestTime", DATE).containsEntry("MaxAllowedSkewMilliseconds", "900000");

        S3Exception undated = refusal(authenticator, getNotification().withoutHeader("Date").build());
        assertThat(undated.error()).isEqualTo(S3Error.ACCESS_DENIED);
        assertThat(undated.getMessage()).isEqualTo("AWS authentication requires a valid Date or x-amz-date header");
    }

    @Test
    void aMalformedHeaderIsInvalidArgument() {
        S3Exception error = refusal(authenticator, getNotification().header("Authorization", "AWS " + KEY_ID).build());
        assertThat(error.error()).isEqualTo(S3Error.INVALID_ARGUMENT);
        assertThat(error.getMessage()).isEqualTo("AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
    }

    @Test
    void withXAmzDateTheDateLineIsEmpty() {
        // The reference: "if you include the x-amz-date header, use the empty string for the Date".
        String stringToSign = SignatureV2.stringToSign(getNotification().header("x-amz-date", DATE).build(), "");
        assertThat(stringToSign).isEqualTo("GET\n\n\n\nx-amz-date:" + DATE + "\n/photos/?notification");
    }
}
