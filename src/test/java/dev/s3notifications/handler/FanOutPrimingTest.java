package dev.s3notifications.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.event.Notification;
import dev.s3notifications.testing.CountingBucketStore;
import dev.s3notifications.testing.InMemoryBucketStore;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import dev.s3notifications.wiring.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutPrimingTest {
    private final CountingBucketStore store = new CountingBucketStore(new InMemoryBucketStore());
    private final RecordingNotificationPublisher publisher = new RecordingNotificationPublisher();
    private final Settings settings = Settings.from(Map.of());

    @Test
    void deliversASampleBatchToTopicsThatCannotExistAndOnlyReadsTheRealStore() {
        assertThat(new FanOutPriming(store, publisher, settings).prime()).isZero();

        assertThat(store.finds()).isEqualTo(1);
        assertThat(store.listOwnedBy(Settings.DEFAULT_ACCOUNT)).isEmpty();
        assertThat(publisher.calls).hasSize(1);
        assertThat(publisher.published).extracting(Notification::topicArn).containsExactly(
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-batched",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-batched",
                "arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid-single");
    }

    @Test
    void primingNeverFailsTheFunction() {
        new FanOutPriming(null, publisher, settings).primeAtInit();
    }
}
