package dev.s3notifications.handler;

import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class FanOutHandlerTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:images";
    private final InMemoryBucketStore buckets = new InMemoryBucketStore();
    private final RecordingNotificationPublisher publisher = new RecordingNotificationPublisher();
    private final FanOutHandler handler = new FanOutHandler(FanOuts.of(buckets, publisher));

    @BeforeEach
    void photosNotifiesImages() {
        Bucket photos = new Bucket("notifications-demo-bucket", "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
        buckets.create(photos);
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                topic("images", TOPIC, "images/", null, "s3:ObjectCreated:*", "s3:ObjectRemoved:*")), false));
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @ParameterizedTest
    @Event(value = "events/sqs/object-created-put.json", type = SQSEvent.class)
    void publishesAPutToTheMatchingTopic(SQSEvent event) {
        assertThat(failures(handler.handleRequest(event, null))).isEmpty();
        assertThat(publisher.published).singleElement().satisfies(n -> {
            assertThat(n.destination().address()).isEqualTo(TOPIC);
            assertThat(n.message()).startsWith("{\"Records\":[{\"eventVersion\":\"2.1\"")
                    .contains("\"eventName\":\"ObjectCreated:Put\"", "\"key\":\"images/red+flower.jpg\"");
        });
    }

    @ParameterizedTest
    @Event(value = "events/sqs/object-removed-delete.json", type = SQSEvent.class)
    void publishesADelete(SQSEvent event) {
        assertThat(failures(handler.handleRequest(event, null))).isEmpty();
        assertThat(publisher.published).singleElement().extracting(Delivery::message).asString()
                .contains("\"eventName\":\"ObjectRemoved:Delete\"", "\"key\":\"images/old+cat.jpg\"").doesNotContain("\"size\"");
    }

    @ParameterizedTest
    @Event(value = "events/sqs/two-records-one-bad.json", type = SQSEvent.class)
    void reportsOnlyTheBadMessageAsABatchItemFailure(SQSEvent event) {
        assertThat(failures(handler.handleRequest(event, null))).containsExactly(event.getRecords().get(1).getMessageId());
        assertThat(publisher.published).singleElement().extracting(n -> n.origin().messageId())
                .isEqualTo(event.getRecords().get(0).getMessageId());
    }

    @ParameterizedTest
    @Event(value = "events/sqs/s3-event-rerouted.json", type = SQSEvent.class)
    void reroutesARealS3EventWithItsKeyDecodedOnceAndEncodedAgain(SQSEvent event) {
        assertThat(failures(handler.handleRequest(event, null))).isEmpty();
        assertThat(publisher.published).singleElement().extracting(Delivery::message).asString()
                .contains("\"key\":\"images/red+flower.jpg\"", "\"configurationId\":\"images\"");
    }

    @Test
    void anEmptyBatchSucceeds() {
        assertThat(failures(handler.handleRequest(new SQSEvent(), null))).isEmpty();
        SQSEvent none = EventLoader.loadSQSEvent("events/sqs/object-created-put.json");
        none.setRecords(List.of());
        assertThat(failures(handler.handleRequest(none, null))).isEmpty();
    }

    @Test
    void aFunctionBuiltFromItsSettingsHasItsPrimingForSnapStartEvenWhenNotPrimedAtInit() {
        Settings settings = Settings.from(Map.of("PRIME_AT_INIT", "false"));
        var stores = new Wiring.Stores(buckets, new InMemoryAccessKeyStore(), DeliveryLog.NONE, DestinationHealthLog.NONE);

        assertThat(new FanOutHandler(settings, stores).priming()).isNotNull();
        assertThat(new FanOutHandler(FanOuts.of(buckets, publisher)).priming()).isNull();
    }
}
