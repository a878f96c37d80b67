package dev.s3notifications.priming;

import dev.s3notifications.logging.JsonLog;
import java.util.function.Supplier;

/**
 * Priming during a function's init, where Lambda gives it a full CPU burst before the first event, and before a
 * SnapStart snapshot.
 */
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

    /**
     * Runs {@code priming} before a SnapStart snapshot is taken, with the log quiet, then logs {@code outcome}
     * (named {@code name}). A snapshot that is not primed is still correct, only slower to warm up: a failure is
     * logged, never thrown.
     */
    static void beforeCheckpoint(String name, Supplier<?> priming) {
        try {
            JsonLog.info("primed for SnapStart", name, JsonLog.quietly(priming).toString());
        } catch (RuntimeException e) {
            JsonLog.error("SnapStart priming failed", e);
        }
    }
}
