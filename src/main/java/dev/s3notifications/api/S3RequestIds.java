package dev.s3notifications.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * S3-shaped request ids derived from the invocation's own id, so that an {@code x-amz-request-id} a user reports
 * leads to the function's log lines: 16 upper-case hex digits, and a base64 {@code x-amz-id-2}.
 */
public final class S3RequestIds {
    private S3RequestIds() {
    }

    public static String requestId(String invocationId) {
        return HexFormat.of().formatHex(sha256(invocationId), 0, 8).toUpperCase(Locale.ROOT);
    }

    public static String hostId(String invocationId) {
        return Base64.getEncoder().encodeToString(sha256("host:" + invocationId));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
