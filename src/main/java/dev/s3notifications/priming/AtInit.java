package dev.s3notifications.priming;

import dev.s3notifications.logging.JsonLog;
import java.util.function.Supplier;

/** Priming during a function's init, where Lambda gives it a full CPU burst before the first event. */
final class AtInit {
    private AtInit() {
    }

    /**
     * Runs {@code priming} with the log quiet (its refusals are expected), then logs {@code outcome} (named
     * {@code name}) and how long it took. A failure only leaves the first event slower, and is logged.
     */
    static void prime(String name, Supplier<?> priming) {
        long started = System.nanoTime();
        try {
            Object outcome = JsonLog.quietly(priming);
            JsonLog.info("primed at init", name, outcome.toString(),
                    "millis", Long.toString((System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            JsonLog.error("priming at init failed", e);
        }
    }
}
