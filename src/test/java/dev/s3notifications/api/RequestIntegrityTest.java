package dev.s3notifications.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.testing.S3Requests;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Content-MD5 and the flexible checksums, checked against the published check values of each algorithm for the
 * body {@code 123456789} (the CRC catalogue's standard input), so the test does not trust the code it tests.
 */
class RequestIntegrityTest {
    private static final String BODY = "123456789";

    private static S3Requests request() {
        return S3Requests.putNotification("photos", BODY);
    }

    private static String base64OfHex(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "x-amz-checksum-crc32, CRC32, cbf43926",
            "x-amz-checksum-crc32c, CRC32C, e3069283",
            "x-amz-checksum-crc64nvme, CRC64NVME, ae8b14860a799888",
            "x-amz-checksum-sha1, SHA1, f7c3bc1d808e04732adf679965ccc34ca7ae3441",
            "x-amz-checksum-sha256, SHA256, 15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
            "x-amz-checksum-sha512, SHA512, d9e6762dd1c8eaf6d61b3c6192fc408d4d6d5f1176d0c29169bc24e71c3f274ad27fcd5811b313d"
                    + "681f7e55ec02d73d499c95455b6b5bb503acf574fba8ffe85",
            "x-amz-checksum-md5, MD5, 25f9e794323b453885f5181f1b624d0b",
            "x-amz-checksum-xxhash64, XXHASH64, 8cb841db40e6ae83",
            "x-amz-checksum-xxhash3, XXHASH3, 72dcb18b67a17dff",
            "x-amz-checksum-xxhash128, XXHASH128, 33119477ede5dcd5e9716427681d5860"})
    void acceptsTheRightChecksumAndRejectsAWrongOne(String header, String algorithm, String checkValueHex) {
        assertThatCode(() -> RequestIntegrity.verify(request().header(header, base64OfHex(checkValueHex))
                .header("x-amz-sdk-checksum-algorithm", algorithm).build())).doesNotThrowAnyException();

        String wrong = checkValueHex.substring(0, checkValueHex.length() - 1) + (checkValueHex.endsWith("0") ? "1" : "0");
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header(header, base64OfHex(wrong)).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST);
                    assertThat(e.getMessage()).isEqualTo("The " + algorithm + " you specified did not match the calculated checksum.");
                });
    }

    @Test
    void contentMd5MustMatchTheBody() {
        String md5 = base64OfHex("25f9e794323b453885f5181f1b624d0b"); // MD5("123456789")
        assertThatCode(() -> RequestIntegrity.verify(request().header("Content-MD5", md5).build())).doesNotThrowAnyException();

        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("Content-MD5", base64OfHex("00".repeat(16))).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST);
                    assertThat(e.getMessage()).isEqualTo("The Content-MD5 you specified did not match what we received.");
                    assertThat(e.details()).containsExactly(Map.entry("ExpectedDigest", "0".repeat(32)),
                            Map.entry("CalculatedDigest", md5)); // S3 writes the expected digest in hex
                });
    }

    @ParameterizedTest(name = "Content-MD5 \"{0}\"")
    @CsvSource({"not base64!", "AAAA", "''"})
    void aContentMd5ThatIsNotSixteenBytesOfBase64IsInvalid(String value) {
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("Content-MD5", value).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.INVALID_DIGEST);
                    assertThat(e.getMessage()).isEqualTo("The Content-MD5 you specified was invalid.");
                });
    }

    @Test
    void aChecksumOfTheWrongLengthIsInvalid() {
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("x-amz-checksum-crc32", base64OfHex("cbf4392600")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-crc32 header is invalid.");
                });
    }

    @Test
    void onlyOneChecksumHeaderIsAllowed() {
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("x-amz-checksum-crc32", base64OfHex("cbf43926"))
                .header("x-amz-checksum-crc32c", base64OfHex("e3069283")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."));
    }

    @Test
    void anAnnouncedAlgorithmNeedsItsChecksumHeader() {
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("x-amz-sdk-checksum-algorithm", "CRC32").build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found."));
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("x-amz-sdk-checksum-algorithm", "SHA256")
                .header("x-amz-checksum-crc32", base64OfHex("cbf43926")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST);
                    assertThat(e.getMessage()).isEqualTo("The SHA256 you specified did not match the calculated checksum.");
                });
        assertThatThrownBy(() -> RequestIntegrity.verify(request().header("x-amz-sdk-checksum-algorithm", "MD4").build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Value for x-amz-sdk-checksum-algorithm header is invalid."));
    }
}
