package dev.s3notifications.fanout;

import java.time.Duration;
import java.time.Instant;

/**
 * How deliveries to one destination of one bucket have gone: the last success, the last failure and its cause, how
 * many deliveries succeeded and failed, and since when it has only failed, if it has. S3 keeps nothing of the kind:
 * a destination whose queue was deleted, or whose policy or key changed, after the configuration was saved loses
 * events silently there.
 *
 * @param lastSuccess  null when none was recorded
 * @param lastFailure  null when none was recorded
 * @param lastCause    the last failure's error code and message; null when none
 * @param failingSince when the failures since the last success began; null when the last outcome was a success
 */
public record DestinationHealth(String bucket, Destination destination, Instant lastSuccess, Instant lastFailure,
        Undelivered.Cause lastCause, long delivered, long failed, Instant failingSince) {

    /** Whether it has failed, and only failed, for at least {@code threshold} before {@code now}. */
    public boolean isFailingLongerThan(Duration threshold, Instant now) {
        return failingSince != null && !failingSince.plus(threshold).isAfter(now);
    }
}
