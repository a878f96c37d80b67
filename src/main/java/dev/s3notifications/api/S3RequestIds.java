package dev.s3notifications.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * S3-shaped request ids derived from the invocation's own id, so that an {@code x-amz-request-id} a user reports
 * leads to the function's log lines. The shapes are S3's as measured over hundreds of its answers: 16 symbols of
 * {@code 0-9A-Z} without I, L, O and U, and a base64 {@code x-amz-id-2} of 96 characters (its most common width).
 */
public final class S3RequestIds {
    private static final char[] SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private S3RequestIds() {
    }

    public static String requestId(String invocationId) {
        byte[] digest = sha512("request:" + invocationId);
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = SYMBOLS[digest[i] & 31]; // 256 is a multiple of 32: every symbol equally likely
        }
        return new String(id);
    }

    public static String hostId(String invocationId) {
        byte[] first = sha512("host:" + invocationId);
        byte[] second = sha512("host2:" + invocationId);
        byte[] bytes = Arrays.copyOf(first, 72);
        System.arraycopy(second, 0, bytes, 64, 8);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] sha512(String text) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }
}
