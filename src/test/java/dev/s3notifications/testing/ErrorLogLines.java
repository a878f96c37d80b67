package dev.s3notifications.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream for {@code JsonLog.redirect} that counts the function's JSON log lines at ERROR (its "a bug" path) and
 * remembers the last one, dropping the rest: the fuzz harnesses' check that no input reached an internal error.
 */
public final class ErrorLogLines {
    private long count;
    private String last;
    private final PrintStream stream = new PrintStream(new ByteArrayOutputStream() {
        @Override
        public synchronized void flush() {
            String text = toString(StandardCharsets.UTF_8);
            reset();
            for (String line : text.split("\n")) {
                if (line.contains("\"level\":\"ERROR\"")) {
                    count++;
                    last = line;
                }
            }
        }
    }, true, StandardCharsets.UTF_8);

    public PrintStream stream() {
        return stream;
    }

    /** Lines at ERROR so far. */
    public long count() {
        return count;
    }

    /** The last line at ERROR, or null. */
    public String last() {
        return last;
    }
}
