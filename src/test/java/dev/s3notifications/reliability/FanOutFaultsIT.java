package dev.s3notifications.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short forms of {@code scripts/reliability faults}: 1,000 events to topics at a fault rate of 30 %; and
 * 2,000 events, 1,000 to a queue and 1,000 to a function and all of them to EventBridge, with 20 % of the calls
 * that deliver to them failing, whole or in part.
 */
class FanOutFaultsIT {
    @Test
    void everyEventIsDeliveredToItsTopicAtLeastOnceOrDeadLetteredAtEveryFaultRate() {
        List<FanOutFaults.Outcome> outcomes = run(FanOutFaults.Mix.TOPICS);
        assertThat(outcomes).hasSize(1);
        assertNothingLost(outcomes);
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.deliveries().faulted()).as("faults injected on the way to SNS").isPositive();
            assertThat(outcome.dynamoDb().faulted()).as("faults injected on the way to DynamoDB").isPositive();
        });
    }

    @Test
    void everyEventReachesItsQueueOrFunctionAndTheBusAtLeastOnceOrIsDeadLettered() {
        List<FanOutFaults.Outcome> outcomes = run(FanOutFaults.Mix.QUEUE_FUNCTION_BUS);
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.totals().expected()).as("deliveries due: 2,000 to the bus, 1,000 each to queue and function")
                    .isEqualTo(4000);
            assertThat(outcome.deliveries().faults().get(FaultProxy.Fault.PARTIAL_BATCH)).as("entries failed inside a 200")
                    .isPositive();
            assertThat(outcome.deliveries().faulted()).as("faults on the way to SQS, Lambda and EventBridge").isPositive();
        });
        assertNothingLost(outcomes);
    }

    private static List<FanOutFaults.Outcome> run(FanOutFaults.Mix mix) {
        System.out.println(FanOutFaults.header());
        return new FanOutFaults(FanOutFaults.Options.shortForm(mix), System.out).run();
    }

    private static void assertNothingLost(List<FanOutFaults.Outcome> outcomes) {
        assertThat(outcomes).allSatisfy(outcome -> {
            EventLedger.Totals totals = outcome.totals();
            assertThat(totals.lost()).as("lost at rate %s", outcome.rate()).isZero();
            assertThat(totals.deliveredUnique() + totals.deadLetteredUndelivered())
                    .as("delivered ∪ dead-lettered").isEqualTo(totals.expected());
            assertThat(totals.poisonDeadLettered()).as("poisoned messages in the DLQ").isEqualTo(totals.poisoned());
            assertThat(totals.unexpected()).as("deliveries of events never sent").isZero();
            assertThat(totals.corrupted()).as("redeliveries that differ from the first").isZero();
            assertThat(totals.misrouted()).as("events at the wrong destination").isZero();
        });
    }
}
