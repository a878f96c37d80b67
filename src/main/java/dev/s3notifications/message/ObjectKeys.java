package dev.s3notifications.message;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Object keys as S3 writes them in event records: {@code application/x-www-form-urlencoded} in UTF-8, the way
 * {@link java.net.URLEncoder} does it (letters, digits and {@code . - * _} kept, space as {@code +}, every other
 * byte as upper-case {@code %XX}), except that {@code /} is kept as well. So "red flower.jpg" becomes
 * "red+flower.jpg", {@code a@b} becomes {@code a%40b} and {@code ~} becomes {@code %7E}.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">Event message structure</a>
 */
public final class ObjectKeys {
    /** The longest key S3 accepts, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final boolean[] KEPT = new boolean[128];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            KEPT[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            KEPT[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            KEPT[c] = true;
        }
        for (char c : ".-*_/".toCharArray()) {
            KEPT[c] = true;
        }
    }

    private ObjectKeys() {
    }

    /** The key as it appears in {@code s3.object.key}; pure ASCII, and never needs JSON escaping. */
    public static String encode(String key) {
        int n = key.length();
        int i = 0;
        while (i < n && isKept(key.charAt(i))) {
            i++;
        }
        if (i == n) {
            return key;
        }
        StringBuilder out = new StringBuilder(n + 16).append(key, 0, i);
        while (i < n) {
            char c = key.charAt(i);
            if (isKept(c)) {
                out.append(c);
                i++;
            } else if (c == ' ') {
                out.append('+');
                i++;
            } else {
                int codePoint = key.codePointAt(i);
                i += Character.charCount(codePoint);
                appendUtf8Escaped(out, codePoint);
            }
        }
        return out.toString();
    }

    /** The raw key of an encoded one, decoded once (as a consumer of S3 events does); throws on a bad escape. */
    public static String decode(String encodedKey) {
        return URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
    }

    /** Whether {@code key} can be an S3 key: 1 to 1,024 bytes of well-formed UTF-8 (no lone surrogates). */
    public static boolean isValid(String key) {
        if (key.isEmpty()) {
            return false;
        }
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return false;
                }
                bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else {
                bytes += 3;
            }
        }
        return bytes <= MAX_KEY_BYTES;
    }

    private static boolean isKept(char c) {
        return c < 128 && KEPT[c];
    }

    private static void appendUtf8Escaped(StringBuilder out, int codePoint) {
        if (codePoint < 0x80) {
            escape(out, codePoint);
        } else if (codePoint < 0x800) {
            escape(out, 0xC0 | (codePoint >> 6));
            escape(out, 0x80 | (codePoint & 0x3F));
        } else if (Character.isSurrogate((char) codePoint)) {
            escape(out, '?'); // a lone surrogate is not UTF-8; URLEncoder writes "?" for it too
        } else if (codePoint < 0x10000) {
            escape(out, 0xE0 | (codePoint >> 12));
            escape(out, 0x80 | ((codePoint >> 6) & 0x3F));
            escape(out, 0x80 | (codePoint & 0x3F));
        } else {
            escape(out, 0xF0 | (codePoint >> 18));
            escape(out, 0x80 | ((codePoint >> 12) & 0x3F));
            escape(out, 0x80 | ((codePoint >> 6) & 0x3F));
            escape(out, 0x80 | (codePoint & 0x3F));
        }
    }

    private static void escape(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }
}
