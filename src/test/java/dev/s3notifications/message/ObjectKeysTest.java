package dev.s3notifications.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectKeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "HappyFace.jpg | HappyFace.jpg",
            "red flower.jpg | red+flower.jpg",                            // AWS docs
            "this im + age blah.txt | this+im+%2B+age+blah.txt",          // seen from AWS (aws/aws-sdk-net#640)
            "a@b | a%40b",                                                 // recorded against AWS
            "dt=2018-05-04/_SUCCESS | dt%3D2018-05-04/_SUCCESS",
            "images/2026/cat.jpg | images/2026/cat.jpg",                   // '/' is kept
            "café/naïve.txt | caf%C3%A9/na%C3%AFve.txt",
            "日本/写真.png | %E6%97%A5%E6%9C%AC/%E5%86%99%E7%9C%9F.png",
            "emoji-😀 | emoji-%F0%9F%98%80",
            "a*b~c | a*b%7Ec",                                             // form encoding keeps '*', escapes '~'
            "100%.txt | 100%25.txt",
            "'quote\"back\\slash' | quote%22back%5Cslash",
            "(1) copy;x:y,z&q?#[] | %281%29+copy%3Bx%3Ay%2Cz%26q%3F%23%5B%5D",
            "'tab\tnew\nline' | tab%09new%0Aline",
    })
    void encodesKeysAsS3WritesThemInRecords(String raw, String encoded) {
        assertThat(ObjectKeys.encode(raw)).isEqualTo(encoded);
        assertThat(ObjectKeys.decode(encoded)).isEqualTo(raw);
    }

    @Test
    void encodesLikeFormEncodingWithSlashesKept() {
        Random random = new Random(42);
        String alphabet = "aZ09 /+=@~*._-%&?#\"\\é日😀\t";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                key.appendCodePoint(alphabet.codePoints().skip(random.nextInt((int) alphabet.codePoints().count())).findFirst().orElseThrow());
            }
            String raw = key.toString();
            assertThat(ObjectKeys.encode(raw)).as(raw)
                    .isEqualTo(URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("%2F", "/"));
            assertThat(ObjectKeys.decode(ObjectKeys.encode(raw))).isEqualTo(raw);
        }
    }

    @Test
    void returnsAKeyThatNeedsNoEncodingAsItIs() {
        String key = "logs/2026-11-22/app_1.log";
        assertThat(ObjectKeys.encode(key)).isSameAs(key);
    }

    @Test
    void decodingRejectsABrokenEscape() {
        assertThatThrownBy(() -> ObjectKeys.decode("a%4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyIsOneTo1024BytesOfWellFormedUtf8() {
        assertThat(ObjectKeys.isValid("a")).isTrue();
        assertThat(ObjectKeys.isValid("")).isFalse();
        assertThat(ObjectKeys.isValid("x".repeat(1024))).isTrue();
        assertThat(ObjectKeys.isValid("x".repeat(1025))).isFalse();
        assertThat(ObjectKeys.isValid("é".repeat(512))).isTrue();   // 2 bytes each
        assertThat(ObjectKeys.isValid("é".repeat(513))).isFalse();
        assertThat(ObjectKeys.isValid("😀".repeat(256))).isTrue();  // 4 bytes each
        assertThat(ObjectKeys.isValid("a\uD800b")).isFalse();       // lone high surrogate
        assertThat(ObjectKeys.isValid("a\uDC00")).isFalse();        // lone low surrogate
    }
}
