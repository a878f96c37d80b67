package dev.s3notifications.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out);
    }

    @Test
    void quietlyDiscardsOnlyTheQuietThreadsLines() {
        JsonLog.redirect(new PrintStream(lines, true, StandardCharsets.UTF_8));

        String outcome = JsonLog.quietly(() -> {
            JsonLog.warn("refused on purpose");
            JsonLog.line("{\"_aws\":{}}");
            CompletableFuture.runAsync(() -> JsonLog.warn("another thread's warning")).join();
            return "primed";
        });
        JsonLog.info("after", "outcome", outcome);

        assertThat(lines.toString(StandardCharsets.UTF_8))
                .doesNotContain("refused on purpose", "_aws")
                .contains("\"message\":\"another thread's warning\"", "\"message\":\"after\",\"outcome\":\"primed\"");
    }
}
