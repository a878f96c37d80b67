package dev.s3notifications.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.fanout.Delivery.BusEvent;
import dev.s3notifications.fanout.Delivery.Origin;
import dev.s3notifications.fanout.Delivery;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.RetryingDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventBridgePublisherTest {
    private static final Destination BUS = new Destination(Destination.Kind.EVENT_BUS, "default");
    private static final Instant TIME = Instant.parse("2026-11-22T10:15:30.123Z");
    private final ScriptedEventBridgeClient eventBridge = new ScriptedEventBridgeClient();
    private final List<Duration> sleeps = new ArrayList<>();
    private final EventBridgePublisher publisher = new EventBridgePublisher(eventBridge, "s3-bucket-notifications",
            new RetryingDelivery.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add));

    private static Delivery event(int i, String detail) {
        return new BusEvent(BUS, "Object Created", detail, TIME, "arn:aws:s3:::photos", null, new Origin("m" + i, 0, null, "photos", TIME));
    }

    private static List<Delivery> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> event(i, "{\"n\":" + i + "}")).toList();
    }

    @Test
    void putsS3sFieldsWithOurSourceInBatchesOfTen() {
        assertThat(publisher.publish(events(23))).isEmpty();
        assertThat(eventBridge.puts()).extracting(r -> r.entries().size()).containsExactly(10, 10, 3);
        PutEventsRequestEntry entry = eventBridge.puts().get(0).entries().get(0);
        assertThat(entry.source()).isEqualTo("s3-bucket-notifications");
        assertThat(entry.detailType()).isEqualTo("Object Created");
        assertThat(entry.detail()).isEqualTo("{\"n\":0}");
        assertThat(entry.time()).isEqualTo(TIME);
        assertThat(entry.resources()).containsExactly("arn:aws:s3:::photos");
        assertThat(entry.eventBusName()).isEqualTo("default");
        assertThat(entry.traceHeader()).isNull();
    }

    @Test
    void aCallStaysUnder256Kb() {
        String hundredKiB = "x".repeat(100 * 1024);
        List<Delivery> big = IntStream.range(0, 5).mapToObj(i -> event(i, hundredKiB)).toList();
        assertThat(publisher.publish(big)).isEmpty();
        assertThat(eventBridge.puts()).extracting(r -> r.entries().size()).containsExactly(2, 2, 1);
    }

    @Test
    void putsAgainOnlyTheEntriesThatFailedForAPassingReason() {
        eventBridge.then(request -> PutEventsResponse.builder().failedEntryCount(3).entries(
                PutEventsResultEntry.builder().eventId("a").build(),
                PutEventsResultEntry.builder().errorCode("InternalFailure").errorMessage("oops").build(),
                PutEventsResultEntry.builder().errorCode("ThrottlingException").errorMessage("slow").build(),
                PutEventsResultEntry.builder().errorCode("MalformedDetail").errorMessage("bad").build()).build());
        assertThat(publisher.publish(events(4))).extracting(u -> u.notification().origin().messageId()).containsExactly("m3");
        assertThat(eventBridge.puts()).hasSize(2);
        assertThat(eventBridge.puts().get(1).entries()).extracting(PutEventsRequestEntry::detail)
                .containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void putsAgainAnEntryTheAnswerLeavesOut() {
        eventBridge.then(request -> PutEventsResponse.builder().failedEntryCount(0).entries(
                PutEventsResultEntry.builder().eventId("a").build(), PutEventsResultEntry.builder().build()).build());
        assertThat(publisher.publish(events(3))).isEmpty();
        assertThat(eventBridge.puts()).hasSize(2);
        assertThat(eventBridge.puts().get(1).entries()).extracting(PutEventsRequestEntry::detail)
                .containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aWholeCallRefusedForGoodIsNotRetried() {
        eventBridge.thenThrow(EventBridgeException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").errorMessage("no bus").build())
                .build());
        assertThat(publisher.publish(events(2))).hasSize(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void refusesASourceThatEventBridgeReservesForAws() {
        assertThatThrownBy(() -> new EventBridgePublisher(eventBridge, "aws.s3"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
