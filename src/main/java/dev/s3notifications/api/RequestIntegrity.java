package dev.s3notifications.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * Checks a request body against the digests its client sent: {@code Content-MD5}, and the flexible checksums
 * ({@code x-amz-checksum-*}) that current SDKs send by default. The checksum code is the AWS SDK's.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html">Checking object integrity</a>
 */
public final class RequestIntegrity {

    private record Algorithm(String name, String header, int length, ChecksumAlgorithm sdkAlgorithm) { }

    private static final List<Algorithm> ALGORITHMS = List.of(
            new Algorithm("CRC32", "x-amz-checksum-crc32", 4, DefaultChecksumAlgorithm.CRC32),
            new Algorithm("CRC32C", "x-amz-checksum-crc32c", 4, DefaultChecksumAlgorithm.CRC32C),
            new Algorithm("CRC64NVME", "x-amz-checksum-crc64nvme", 8, DefaultChecksumAlgorithm.CRC64NVME),
            new Algorithm("SHA1", "x-amz-checksum-sha1", 20, DefaultChecksumAlgorithm.SHA1),
            new Algorithm("SHA256", "x-amz-checksum-sha256", 32, DefaultChecksumAlgorithm.SHA256),
            new Algorithm("SHA512", "x-amz-checksum-sha512", 64, DefaultChecksumAlgorithm.SHA512),
            new Algorithm("MD5", "x-amz-checksum-md5", 16, DefaultChecksumAlgorithm.MD5),
            new Algorithm("XXHASH64", "x-amz-checksum-xxhash64", 8, DefaultChecksumAlgorithm.XXHASH64),
            new Algorithm("XXHASH3", "x-amz-checksum-xxhash3", 8, DefaultChecksumAlgorithm.XXHASH3),
            new Algorithm("XXHASH128", "x-amz-checksum-xxhash128", 16, DefaultChecksumAlgorithm.XXHASH128));

    private RequestIntegrity() {
    }

    /** Throws S3's error when a digest the client sent is malformed or does not match {@code request}'s body. */
    public static void verify(S3Request request) {
        verifyContentMd5(request);
        verifyChecksum(request);
    }

    private static void verifyContentMd5(S3Request request) {
        String contentMd5 = request.header("Content-MD5");
        if (contentMd5 == null) {
            return;
        }
        byte[] expected = decodeBase64(contentMd5);
        if (expected == null || expected.length != 16) {
            throw new S3Exception(S3Error.INVALID_DIGEST, S3Error.INVALID_DIGEST.defaultMessage(),
                    Map.of("Content-MD5", contentMd5));
        }
        byte[] actual;
        try {
            actual = MessageDigest.getInstance("MD5").digest(request.body());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw S3Exception.withDetails(S3Error.BAD_DIGEST, S3Error.BAD_DIGEST.defaultMessage(),
                    "ExpectedDigest", HexFormat.of().formatHex(expected), "CalculatedDigest", Base64.getEncoder().encodeToString(actual));
        }
    }

    private static void verifyChecksum(S3Request request) {
        Algorithm sent = null;
        for (Algorithm algorithm : ALGORITHMS) {
            if (request.header(algorithm.header()) != null) {
                if (sent != null) {
                    throw new S3Exception(S3Error.INVALID_REQUEST,
                            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
                }
                sent = algorithm;
            }
        }
        String announced = request.header("x-amz-sdk-checksum-algorithm");
        if (announced != null) {
            Algorithm announcedAlgorithm = ALGORITHMS.stream()
                    .filter(a -> a.name().equals(announced.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
            if (announcedAlgorithm == null) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }
            if (sent == null) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no"
                        + " corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
            }
            if (announcedAlgorithm != sent) { // the model documents BadDigest for this case
                throw new S3Exception(S3Error.BAD_DIGEST, "The " + announcedAlgorithm.name()
                        + " you specified did not match the calculated checksum.");
            }
        }
        if (sent == null) {
            return;
        }
        byte[] expected = decodeBase64(request.header(sent.header()));
        if (expected == null || expected.length != sent.length()) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Value for " + sent.header() + " header is invalid.");
        }
        SdkChecksum checksum = SdkChecksum.forAlgorithm(sent.sdkAlgorithm());
        checksum.update(request.body());
        if (!MessageDigest.isEqual(expected, checksum.getChecksumBytes())) {
            throw new S3Exception(S3Error.BAD_DIGEST,
                    "The " + sent.name() + " you specified did not match the calculated checksum.");
        }
    }

    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
