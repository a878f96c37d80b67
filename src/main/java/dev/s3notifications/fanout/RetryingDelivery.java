package dev.s3notifications.fanout;

import dev.s3notifications.logging.JsonLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends notifications with retries of what failed and is worth retrying, and only that: each attempt says which
 * notifications were refused for good and which may pass at the next attempt, which comes after an exponential
 * backoff with jitter (on top of the SDK's own retries of whole calls). What still fails is undelivered.
 */
public final class RetryingDelivery {

    /** Waits between attempts; {@link Thread#sleep(Duration)} outside tests. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How a failed delivery is retried: up to {@code maxAttempts} attempts in all, waiting between {@code delay}/2 and
     * {@code delay} before attempt n+1, where delay is {@code baseDelay} doubled n-1 times, at most {@code maxDelay}.
     */
    public record Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
        /** At most about 0.35 s of waiting per batch: well inside any sensible function timeout. */
        public static final Retry DEFAULT = new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), Thread::sleep);

        Duration delayBefore(int nextAttempt) {
            long delay = Math.min(maxDelay.toNanos(), baseDelay.toNanos() << Math.min(nextAttempt - 2, 20));
            return Duration.ofNanos(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
        }
    }

    /** What one attempt left to do: notifications refused for good, notifications worth another attempt, and why. */
    public record Attempt(List<Delivery> refused, List<Delivery> retryable, Undelivered.Cause cause) {
        public static final Attempt DONE = new Attempt(List.of(), List.of(), null);

        public static Attempt refused(List<Delivery> notifications, Undelivered.Cause cause) {
            return new Attempt(notifications, List.of(), cause);
        }

        public static Attempt retryable(List<Delivery> notifications, Undelivered.Cause cause) {
            return new Attempt(List.of(), notifications, cause);
        }
    }

    /** One attempt at sending some notifications. */
    @FunctionalInterface
    public interface Sender {
        Attempt send(List<Delivery> notifications);
    }

    private final Retry retry;

    public RetryingDelivery(Retry retry) {
        this.retry = retry;
    }

    /** Sends {@code notifications} with {@code sender}, retrying; adds what was not delivered to {@code undelivered}. */
    public void deliver(List<Delivery> notifications, Sender sender, List<Undelivered> undelivered) {
        List<Delivery> pending = notifications;
        for (int attempt = 1; ; attempt++) {
            Attempt result = sender.send(pending);
            for (Delivery refused : result.refused()) {
                undelivered.add(given(refused, result.cause(), attempt));
            }
            if (result.retryable().isEmpty()) {
                return;
            }
            if (attempt >= retry.maxAttempts() || !pause(retry.delayBefore(attempt + 1))) {
                for (Delivery given : result.retryable()) {
                    undelivered.add(given(given, result.cause(), attempt));
                }
                return;
            }
            pending = result.retryable();
        }
    }

    private boolean pause(Duration delay) {
        try {
            retry.sleeper().sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A notification given up on, logged; its queue message fails and will be retried. */
    public static Undelivered given(Delivery notification, Undelivered.Cause cause, int attempts) {
        JsonLog.warn("could not deliver an S3 event notification; its queue message fails and will be retried",
                "destination", notification.destination().toString(), "messageId", notification.origin().messageId(),
                "reason", cause.toString(), "attempts", Integer.toString(attempts));
        return new Undelivered(notification, cause);
    }
}
