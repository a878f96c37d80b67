package dev.s3notifications.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The short form of {@code scripts/reliability faults}: 1,000 events at fault rates of 10 and 30 %. */
class FanOutFaultsIT {
    @Test
    void everyEventIsDeliveredAtLeastOnceOrDeadLetteredAtEveryFaultRate() {
        System.out.println(FanOutFaults.header());
        List<FanOutFaults.Outcome> outcomes = new FanOutFaults(FanOutFaults.Options.shortForm(), System.out).run();

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            EventLedger.Totals totals = outcome.totals();
            assertThat(totals.lost()).as("lost at rate %s", outcome.rate()).isZero();
            assertThat(totals.deliveredUnique() + totals.deadLettered() - totals.deadLetteredAndDelivered())
                    .as("delivered ∪ dead-lettered").isEqualTo(totals.events());
            assertThat(totals.poisonDeadLettered()).as("poisoned messages in the DLQ").isEqualTo(totals.poisoned());
            assertThat(totals.unexpected()).as("deliveries of events never sent").isZero();
            assertThat(totals.corrupted()).as("redeliveries that differ from the first").isZero();
            assertThat(totals.misrouted()).as("events on the wrong topic").isZero();
        });
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.sns().faulted()).as("faults injected on the way to SNS").isPositive();
            assertThat(outcome.dynamoDb().faulted()).as("faults injected on the way to DynamoDB").isPositive();
        });
    }
}
