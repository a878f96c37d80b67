package dev.s3notifications.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The short form of {@code scripts/reliability put-faults}: 20 PUTs and GETs in each of three fault scenarios. */
class PutFaultsIT {
    @Test
    void aFailedPutLeavesThePreviousConfigurationAndNoAnswerIsWrong() {
        System.out.println(PutFaults.header());
        List<PutFaults.Outcome> outcomes = new PutFaults(20, 42, System.out).run(PutFaults.shortForm());

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.corrupted()).as("stored state neither the previous nor the new configuration").isZero();
            assertThat(outcome.wrongGets()).as("GETs answering another document than the stored one").isZero();
            assertThat(outcome.unexpectedStatuses()).as("answers other than 200 and 503 ServiceUnavailable: %s %s",
                    outcome.putStatuses(), outcome.getStatuses()).isZero();
            assertThat(outcome.dynamoDb().faulted()).as("faults injected on the way to DynamoDB").isPositive();
            if (outcome.rate() >= 1.0) {
                // Every conditional write faulted: every PUT fails part-way, and still leaves one whole document.
                assertThat(outcome.keptPrevious() + outcome.committedAnswerLost()).as("failed PUTs").isEqualTo(outcome.puts());
            }
            if (outcome.kinds() == FaultyEndpoints.Kinds.BEFORE_THE_SERVICE) {
                // No fault struck after DynamoDB did the work, so no failed PUT can have been stored.
                assertThat(outcome.committedAnswerLost()).isZero();
            }
        });
    }
}
