package dev.s3notifications.authentication;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The request times S3 reads and the clock skew it tolerates: 15 minutes either way.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html#RESTAuthenticationTimeStamp">Time stamp requirement</a>
 */
final class RequestTimes {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** SigV4's {@code x-amz-date}: ISO 8601 basic format, UTC. */
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RequestTimes() {
    }

    /** The instant of an {@code x-amz-date} value, or null when it is not one. */
    static Instant parseAmzDate(String value) {
        if (value == null || value.length() != 16) {
            return null;
        }
        try {
            return Instant.from(AMZ_DATE.parse(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant of an HTTP date (RFC 1123, as SigV2 clients send in {@code Date} or {@code x-amz-date}), or null. */
    static Instant parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
        } catch (DateTimeParseException e) {
            return parseAmzDate(value.trim());
        }
    }

    /** S3's form of a time in its error documents: ISO 8601 to the second. */
    static String serverTime(Instant now) {
        return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * S3's refusal of a request signed more than 15 minutes away from its clock.
     *
     * @param sentTime the request time as the client sent it, echoed in {@code RequestTime}
     */
    static void checkSkew(Instant requestTime, String sentTime, Instant now, String accessKeyId) {
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new AuthenticationFailure(S3Exception.withDetails(S3Error.REQUEST_TIME_TOO_SKEWED,
                    S3Error.REQUEST_TIME_TOO_SKEWED.defaultMessage(), "RequestTime", sentTime, "ServerTime",
                    serverTime(now), "MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis())),
                    accessKeyId, "request time " + sentTime + " is more than 15 minutes from the server's " + now);
        }
    }

    /** S3's refusal of a signed request that carries no time it can read. */
    static AuthenticationFailure missingDate(String accessKeyId) {
        return new AuthenticationFailure(new S3Exception(S3Error.ACCESS_DENIED,
                "AWS authentication requires a valid Date or x-amz-date header"), accessKeyId, "no valid request date");
    }
}
