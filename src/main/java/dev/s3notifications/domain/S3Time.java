package dev.s3notifications.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as S3 writes them in events and XML: ISO-8601 in UTC, always with milliseconds. */
public final class S3Time {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3Time() {
    }

    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
