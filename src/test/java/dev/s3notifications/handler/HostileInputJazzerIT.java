package dev.s3notifications.handler;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer, libFuzzer) of both functions, with the invariants of {@link PutNotificationFuzzing}
 * and {@link ObjectEventFuzzing}. Under plain JUnit (in {@code scripts/test}: an IT, because attaching Jazzer takes seconds) each target runs once per input:
 * the seeds, every body of {@code events/} and {@code schemas/examples/} ({@link FuzzSeeds}, written as Jazzer's inputs
 * before the targets run), and any input a fuzzing run found, in
 * src/test/resources/dev/s3notifications/handler/HostileInputJazzerITInputs/&lt;target&gt;/ (Jazzer writes a crashing
 * input there, so it becomes a regression test). With {@code JAZZER_FUZZ=1}, one target at a time, it fuzzes for
 * {@code maxDuration}, from the same seeds: {@code scripts/reliability fuzz --long}.
 */
class HostileInputJazzerIT {
    private static PutNotificationFuzzing puts;
    private static ObjectEventFuzzing events;

    @BeforeAll
    static void harnesses() {
        // Before Jazzer lists the inputs, which it does for each target once the class is set up.
        FuzzSeeds.writeJazzerInputs(HostileInputJazzerIT.class, "putNotification", FuzzSeeds.putSamples());
        FuzzSeeds.writeJazzerInputs(HostileInputJazzerIT.class, "objectEvents", FuzzSeeds.eventSamples());
        puts = new PutNotificationFuzzing("jazzer-put-notification");
        events = new ObjectEventFuzzing("jazzer-object-events");
    }

    @AfterAll
    static void report() {
        puts.close();
        events.close();
        puts.report.publish();
        events.report.publish();
    }

    @FuzzTest(maxDuration = "5m")
    void putNotification(FuzzedDataProvider data) {
        int flags = data.consumeInt(0, 63);
        puts.check(data.consumeRemainingAsBytes(), flags);
    }

    @FuzzTest(maxDuration = "5m")
    void objectEvents(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 9);
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            bodies.add(data.consumeString(64 * 1024));
        }
        bodies.add(data.consumeRemainingAsString());
        events.check(bodies);
    }
}
