package dev.s3notifications.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for a condition that another process or thread makes true, looking at it every 50 ms until a deadline. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} when it does not within {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(50); // the interval between two looks at the condition, not a wait for a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
