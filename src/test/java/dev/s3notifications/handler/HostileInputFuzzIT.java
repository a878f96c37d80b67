package dev.s3notifications.handler;

import dev.s3notifications.testing.Mutator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing (jqwik) of both functions with mutated input: S3 XML for {@code PUT ?notification}
 * (seeded from events/api and the spec's shapes, with hostile headers) and batches of object-event messages and S3
 * records (seeded from schemas/examples, events/sqs and the reader's corpus). The invariants are those of
 * {@link PutNotificationFuzzing} and {@link ObjectEventFuzzing}; the counts go to target/reliability/fuzz-*.txt.
 * Tries per property: {@code jqwik.tries.default} (src/test/resources/junit-platform.properties). An IT although it
 * needs no emulator: it takes tens of seconds, and {@code sam build} runs the unit tests.
 */
class HostileInputFuzzIT {
    private static final Mutator XML = Mutator.xml();
    private static final Mutator JSON = Mutator.json();
    private static final List<String> PUT_SEEDS = FuzzSeeds.putBodies();
    private static final List<String> EVENT_SEEDS = FuzzSeeds.eventBodies();
    private static PutNotificationFuzzing puts;
    private static ObjectEventFuzzing events;

    record PutInput(byte[] body, int flags) {
        @Override
        public String toString() {
            return "PUT flags=" + flags + " body=" + new String(body, 0, Math.min(body.length, 3000), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @BeforeContainer
    static void harnesses() {
        puts = new PutNotificationFuzzing("put-notification");
        events = new ObjectEventFuzzing("object-events");
    }

    @AfterContainer
    static void report() {
        puts.close();
        events.close();
        puts.report.publish();
        events.report.publish();
    }

    @Property
    void putNotificationKeepsItsInvariants(@ForAll("mutatedPuts") PutInput input) {
        puts.check(input.body(), input.flags());
    }

    @Property
    void theFanOutKeepsItsInvariants(@ForAll("mutatedBatches") List<String> bodies) {
        events.check(bodies);
    }

    @Provide
    Arbitrary<PutInput> mutatedPuts() {
        // Most requests are well-formed around their body, so that most bodies reach the parser and the validator.
        Arbitrary<Integer> flags = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(0, PutNotificationFuzzing.SKIP_VALIDATION)),
                Tuple.of(4, Arbitraries.integers().between(0, 63)));
        return Combinators.combine(Arbitraries.of(PUT_SEEDS), rounds(), flags, Arbitraries.longs())
                .as((seed, rounds, choice, random) -> new PutInput(XML.mutate(seed, rounds, new Random(random)), choice));
    }

    @Provide
    Arbitrary<List<String>> mutatedBatches() {
        Arbitrary<String> message = Combinators.combine(Arbitraries.of(EVENT_SEEDS), rounds(),
                Arbitraries.longs()).as((seed, rounds, random) -> new String(JSON.mutate(seed, rounds, new Random(random)),
                java.nio.charset.StandardCharsets.UTF_8));
        return message.list().ofMinSize(1).ofMaxSize(9).map(ArrayList::new);
    }

    /** How many mutations: mostly one or two, so that inputs stay near the seeds and reach deep into the code. */
    private static Arbitrary<Integer> rounds() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(4, Arbitraries.just(1)),
                Tuple.of(3, Arbitraries.just(2)), Tuple.of(2, Arbitraries.integers().between(3, 8)));
    }
}
