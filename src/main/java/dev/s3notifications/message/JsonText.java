package dev.s3notifications.message;

/** Writes JSON string literals; the event messages are small and fixed in shape, so they are written by hand. */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string, escaped as RFC 8259 requires. */
    public static StringBuilder appendString(StringBuilder out, String value) {
        out.append('"');
        // Most values need no escaping: copy the plain beginning in one bulk append rather than one call per
        // character, which the C1-only JIT that Lambda runs does not inline.
        int plain = 0;
        while (plain < value.length()) {
            char c = value.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
