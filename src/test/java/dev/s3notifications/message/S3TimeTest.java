package dev.s3notifications.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3TimeTest {
    /** What S3Time wrote before its fast path: the pattern formatter, for every time. */
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:15:30.123456789Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
            "0000-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.5Z", "-0001-06-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "2026-01-05T03:04:05.006Z"})
    void writesWhatThePatternFormatterWrites(String time) {
        Instant instant = Instant.parse(time);
        assertThat(S3Time.format(instant)).isEqualTo(PATTERN.format(instant));
    }

    @Test
    void writesWhatThePatternFormatterWritesForRandomTimes() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(S3Time.format(instant)).as("%s", instant).isEqualTo(PATTERN.format(instant));
        }
    }
}
