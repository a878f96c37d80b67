package dev.s3notifications.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structure-aware mutation of seed documents for the property-based fuzz tests: a document is cut into tokens
 * (XML tags and text, or JSON punctuation, strings and literals) that are deleted, duplicated, repeated, swapped,
 * replaced with hostile or boundary values from a dictionary, or get dictionary snippets inserted among them; then,
 * sometimes, its bytes are flipped, cut or spliced (invalid UTF-8 included). Deterministic for a given
 * {@link Random}, so jqwik's seed reproduces an input.
 */
public final class Mutator {
    private static final Pattern XML_TOKENS = Pattern.compile("<[^>]*>|[^<]+");
    private static final Pattern JSON_TOKENS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[{}\\[\\]:,]|[^{}\\[\\]:,\"\\s]+|\\s+");

    private final Pattern tokens;
    private final List<String> values;
    private final List<String> snippets;

    private Mutator(Pattern tokens, List<String> values, List<String> snippets) {
        this.tokens = tokens;
        this.values = values;
        this.snippets = snippets;
    }

    /** For S3's request documents: element names of the notification schema, values of its rules, XML attacks. */
    public static Mutator xml() {
        List<String> names = List.of("NotificationConfiguration", "TopicConfiguration", "QueueConfiguration",
                "CloudFunctionConfiguration", "EventBridgeConfiguration", "Id", "Topic", "Queue", "CloudFunction", "Event",
                "Filter", "S3Key", "FilterRule", "Name", "Value", "InvocationRole", "Bogus");
        List<String> values = new ArrayList<>(common());
        values.addAll(List.of("arn:aws:sns:us-east-1:123456789012:images", "arn:aws:sns:eu-west-1:123456789012:images",
                "arn:aws:sqs:us-east-1:123456789012:logs", "arn:aws:lambda:us-east-1:123456789012:function:f",
                "arn:aws-cn:sns:us-east-1:123456789012:t", "arn:aws:sns:us-east-1:123456789012:missing", "arn:aws:sns",
                "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
                "s3:ObjectTagging:*", "s3:ObjectAcl:Put", "s3:ObjectCreated:Kaboom", "s3:*", "prefix", "PREFIX", "Suffix",
                "suffix", "middle", "&amp;", "&lt;", "&#0;", "&#x1F600;", "&#xD800;", "&x;", "]]>", "<![CDATA[images/]]>"));
        List<String> snippets = new ArrayList<>();
        for (String name : names) {
            snippets.add("<" + name + ">");
            snippets.add("</" + name + ">");
            snippets.add("<" + name + "/>");
        }
        snippets.addAll(List.of("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "<!DOCTYPE NotificationConfiguration>",
                "<!ENTITY lol \"lol\">", "&x;", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<?pi data?>", "<!-- c -->",
                " xmlns=\"urn:other\"", " xmlns:p=\"http://s3.amazonaws.com/doc/2006-03-01/\"", " a=\"1\" a=\"2\"",
                "<p:TopicConfiguration>", "\uFEFF", "\u0000", "<a>".repeat(20), "</a>".repeat(20),
                "<TopicConfiguration><Topic>arn:aws:sns:us-east-1:123456789012:images</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>",
                "<Filter><S3Key><FilterRule><Name>prefix</Name><Value>a/</Value></FilterRule></S3Key></Filter>"));
        return new Mutator(XML_TOKENS, values, snippets);
    }

    /** For object-event messages: their field names, hostile values, and structural JSON. */
    public static Mutator json() {
        List<String> fields = List.of("eventName", "bucket", "key", "size", "eTag", "versionId", "sequencer", "eventTime",
                "requesterPrincipalId", "sourceIpAddress", "requestId", "hostId", "restoreExpiryTime", "restoreStorageClass",
                "events", "Records", "s3", "object", "name", "Service", "Event", "glacierEventData", "unknown");
        List<String> values = new ArrayList<>();
        for (String value : common()) {
            values.add(quote(value));
        }
        for (String field : fields) {
            values.add(quote(field));
        }
        values.addAll(List.of("null", "true", "false", "0", "-1", "1e400", "9223372036854775808", "1.5", "[]", "{}",
                "\"s3:ObjectCreated:Put\"", "\"ObjectCreated:Put\"", "\"s3:ObjectRemoved:DeleteMarkerCreated\"",
                "\"s3:ObjectRestore:Completed\"", "\"s3:TestEvent\"", "\"s3:ObjectCreated:*\"", "\"photos\"", "\"logs\"",
                "\"2026-11-22T10:15:30.123Z\"", "\"2026-11-22T10:15Z\"", "\"2026-02-30T10:15:30Z\"", "\"%\"", "\"%zz\"", "\"%C3\"",
                "\"%C3%A9\"", "\"a+b\"", "\"\\ud800\"", "\"\\u0000\"", "\"" + "k".repeat(1025) + "\""));
        List<String> snippets = List.of("{", "}", "[", "]", ",", ":", "\"key\":\"x\",", "\"key\":", ",\"key\":\"dup\"",
                "\"unknown\":1,", "[[[[[[[[[[[[[[[[[[[[", "]]]]]]]]]]]]]]]]]]]]", "{\"events\":[", "{\"Records\":[", "//", "/*", "'",
                "NaN", "\uFEFF");
        return new Mutator(JSON_TOKENS, values, snippets);
    }

    private static List<String> common() {
        return List.of("", " ", "x", "images/", ".jpg", "k".repeat(1024), "k".repeat(1025), "i".repeat(255), "i".repeat(256),
                "é", "\u0000", "\u001F", "\uFFFF", "\uD83D\uDE00", "🙂", "%00", "../", "a b", "+", "=", "\\", "\"", "'",
                "-1", "0", "99999999999999999999", "true");
    }

    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** {@code rounds} mutations of {@code seed}, the last of them sometimes at the level of bytes. */
    public byte[] mutate(String seed, int rounds, Random random) {
        List<String> parts = split(seed);
        for (int round = 0; round < rounds; round++) {
            mutateTokens(parts, random);
        }
        byte[] bytes = String.join("", parts).getBytes(StandardCharsets.UTF_8);
        return random.nextInt(4) == 0 ? mutateBytes(bytes, random) : bytes;
    }

    private List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = tokens.matcher(text);
        while (matcher.find()) {
            parts.add(matcher.group());
        }
        if (parts.isEmpty()) {
            parts.add(text);
        }
        return parts;
    }

    private void mutateTokens(List<String> parts, Random random) {
        int at = random.nextInt(Math.max(1, parts.size()));
        switch (random.nextInt(8)) {
            case 0 -> {
                if (!parts.isEmpty()) {
                    parts.remove(at);
                }
            }
            case 1 -> {
                if (!parts.isEmpty()) {
                    parts.add(at, parts.get(at));
                }
            }
            case 2 -> { // a run of tokens, repeated: many elements, long lists
                int end = Math.min(parts.size(), at + 1 + random.nextInt(8));
                List<String> run = new ArrayList<>(parts.subList(at, end));
                int times = random.nextInt(10) == 0 ? 2_000 + random.nextInt(20_000) : 1 + random.nextInt(5);
                for (int i = 0; i < times && parts.size() < 200_000; i++) {
                    parts.addAll(end, run);
                }
            }
            case 3 -> {
                if (parts.size() > 1) {
                    int other = random.nextInt(parts.size());
                    String swap = parts.get(at);
                    parts.set(at, parts.get(other));
                    parts.set(other, swap);
                }
            }
            case 4, 5 -> { // a text or value token replaced
                List<Integer> candidates = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    if (!parts.get(i).startsWith("<") && !isJsonPunctuation(parts.get(i))) {
                        candidates.add(i);
                    }
                }
                int target = candidates.isEmpty() ? at : candidates.get(random.nextInt(candidates.size()));
                if (target < parts.size()) {
                    parts.set(target, values.get(random.nextInt(values.size())));
                } else {
                    parts.add(values.get(random.nextInt(values.size())));
                }
            }
            case 6 -> parts.add(Math.min(at, parts.size()), snippets.get(random.nextInt(snippets.size())));
            default -> { // a tag renamed, keeping its form
                if (!parts.isEmpty() && parts.get(at).startsWith("<") && parts.get(at).length() > 2) {
                    String tag = parts.get(at);
                    String replacement = snippets.get(random.nextInt(snippets.size()));
                    parts.set(at, replacement.startsWith("<") ? replacement : tag);
                } else if (!parts.isEmpty()) {
                    parts.set(at, values.get(random.nextInt(values.size())));
                }
            }
        }
    }

    private static boolean isJsonPunctuation(String token) {
        return token.length() == 1 && "{}[]:,".contains(token);
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(5)) {
            case 0 -> { // a byte flipped: invalid UTF-8 more often than not
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                yield copy;
            }
            case 1 -> Arrays.copyOf(bytes, at); // cut short
            case 2 -> { // an invalid or overlong UTF-8 sequence inserted
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
                byte[] insert = bad[random.nextInt(bad.length)];
                byte[] copy = new byte[bytes.length + insert.length];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(insert, 0, copy, at, insert.length);
                System.arraycopy(bytes, at, copy, at + insert.length, bytes.length - at);
                yield copy;
            }
            case 3 -> { // a range deleted
                int end = Math.min(bytes.length, at + 1 + random.nextInt(16));
                byte[] copy = new byte[bytes.length - (end - at)];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, end, copy, at, bytes.length - end);
                yield copy;
            }
            default -> { // a range duplicated
                int end = Math.min(bytes.length, at + 1 + random.nextInt(32));
                byte[] copy = new byte[bytes.length + (end - at)];
                System.arraycopy(bytes, 0, copy, 0, end);
                System.arraycopy(bytes, at, copy, end, bytes.length - at);
                yield copy;
            }
        };
    }
}
