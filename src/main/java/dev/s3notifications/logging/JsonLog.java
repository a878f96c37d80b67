package dev.s3notifications.logging;

import dev.s3notifications.message.JsonText;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs as one event each and
 * Logs Insights can query by field. Values are strings; secrets never reach it.
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;
    /** Whether this thread's lines are discarded ({@link #quietly}); other threads' are not. */
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    private JsonLog() {
    }

    /** Fields come in name/value pairs; a null value is left out. */
    public static void info(String message, String... fields) {
        write("INFO", message, null, fields);
    }

    public static void warn(String message, String... fields) {
        write("WARN", message, null, fields);
    }

    public static void error(String message, Throwable error, String... fields) {
        write("ERROR", message, error, fields);
    }

    /**
     * Writes {@code json}, one JSON object, as a line of its own, untouched: for documents the line's reader
     * interprets, such as CloudWatch's Embedded Metric Format.
     */
    public static void line(String json) {
        if (!QUIET.get()) {
            out.println(json);
        }
    }

    /** Where lines go; tests and the local stack may redirect them. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    /**
     * Runs {@code work} with this thread's log lines discarded: priming sends requests that are refused on purpose,
     * and their warnings would only mislead whoever reads the function's logs. Other threads log as usual (init
     * primes on two threads where that overlaps, and wiring's own warnings must not be lost).
     */
    public static <T> T quietly(java.util.function.Supplier<T> work) {
        boolean wasQuiet = QUIET.get();
        QUIET.set(true);
        try {
            return work.get();
        } finally {
            QUIET.set(wasQuiet);
        }
    }

    private static void write(String level, String message, Throwable error, String... fields) {
        if (QUIET.get()) {
            return;
        }
        StringBuilder line = new StringBuilder(256).append("{\"time\":\"").append(Instant.now()).append("\",\"level\":\"")
                .append(level).append("\",\"message\":");
        JsonText.appendString(line, message);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                JsonText.appendString(line.append(','), fields[i]).append(':');
                JsonText.appendString(line, fields[i + 1]);
            }
        }
        if (error != null) {
            JsonText.appendString(line.append(",\"error\":"), error.toString());
            StringBuilder trace = new StringBuilder();
            for (StackTraceElement frame : error.getStackTrace()) {
                trace.append(frame).append('\n');
            }
            JsonText.appendString(line.append(",\"stackTrace\":"), trace.toString());
        }
        out.println(line.append('}'));
    }
}
