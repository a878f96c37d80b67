package dev.s3notifications.fanout;

import static dev.s3notifications.testing.Destinations.function;
import static dev.s3notifications.testing.Destinations.queue;
import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.s3notifications.fanout.FanOut.QueuedMessage;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.memory.InMemoryDeliveryLog;
import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.message.S3EventBridgeEvent;
import dev.s3notifications.message.S3EventMessage;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.DependencyUnavailableException;
import dev.s3notifications.testing.CountingBucketStore;
import dev.s3notifications.testing.FanOuts;
import dev.s3notifications.testing.RecordingNotificationPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FanOutTest {
    private static final String IMAGES = "arn:aws:sns:us-east-1:123456789012:images";
    private static final String LOGS = "arn:aws:sns:us-east-1:123456789012:logs";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";
    private final InMemoryBucketStore buckets = new InMemoryBucketStore();
    private final CountingBucketStore store = new CountingBucketStore(buckets);
    private final RecordingNotificationPublisher publisher = new RecordingNotificationPublisher();
    private final InMemoryDeliveryLog deliveryLog = new InMemoryDeliveryLog();
    private final FanOut fanOut = FanOuts.of(
            new BucketNotificationsCache(store, Duration.ofSeconds(5), System::nanoTime), publisher, deliveryLog);
    private final Bucket photos = new Bucket("photos", "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void configurePhotos() {
        buckets.create(photos);
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                topic("images", IMAGES, "images/", null, "s3:ObjectCreated:*"),
                topic("logs", LOGS, "logs/", null, "s3:ObjectCreated:*", "s3:ObjectRemoved:*"),
                queue("to-queue", QUEUE, "queued/", null, "s3:ObjectCreated:*")), false));
        buckets.create(new Bucket("empty", "123456789012", "us-east-1", Instant.parse("2026-01-01T00:00:00Z")));
    }

    private static String put(String bucket, String key) {
        return event("s3:ObjectCreated:Put", bucket, key);
    }

    private static String event(String eventName, String bucket, String key) {
        return """
                {"eventName":"%s","bucket":"%s","key":"%s","size":5,"eTag":"abc","sequencer":"0A",
                 "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDA","sourceIpAddress":"203.0.113.7",
                 "requestId":"REQ","hostId":"HOST"}""".formatted(eventName, bucket, key);
    }

    @Test
    void publishesOneS3MessagePerMatchingTopicConfiguration() {
        var failed = fanOut.deliver(List.of(
                new QueuedMessage("m1", put("photos", "images/red flower.jpg")),
                new QueuedMessage("m2", "{\"events\":[" + put("photos", "logs/a.log") + ","
                        + event("s3:ObjectRemoved:Delete", "photos", "logs/a.log") + "]}")));
        assertThat(failed).isEmpty();
        assertThat(publisher.published).extracting(n -> n.destination().address(), n -> n.origin().messageId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IMAGES, "m1"), org.assertj.core.groups.Tuple.tuple(LOGS, "m2"),
                        org.assertj.core.groups.Tuple.tuple(LOGS, "m2"));
        ObjectEvent first = new ObjectEventJson().read(put("photos", "images/red flower.jpg")).get(0);
        assertThat(publisher.published.get(0).message()).isEqualTo(
                S3EventMessage.render(first, "images/red+flower.jpg", BucketIdentity.of(photos), "images"));
        assertThat(publisher.calls).hasSize(1); // one publishing pass for the whole batch
    }

    @Test
    void bucketsWithoutConfigurationAndMissingBucketsPublishNothing() {
        var failed = fanOut.deliver(List.of(
                new QueuedMessage("m1", put("empty", "images/a.jpg")),
                new QueuedMessage("m2", put("deleted-long-ago", "images/a.jpg")),
                new QueuedMessage("m3", put("photos", "elsewhere/a.jpg"))));
        assertThat(failed).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void queuesAndFunctionsGetTheSameS3MessageAsTopics() {
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                queue("to-queue", QUEUE, "queued/", null, "s3:ObjectCreated:*"),
                function("to-function", FUNCTION, "raw/", null, "s3:ObjectCreated:*")), false));
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", put("photos", "queued/a b.jpg")),
                new QueuedMessage("m2", put("photos", "raw/c.jpg"))))).isEmpty();
        ObjectEvent queued = new ObjectEventJson().read(put("photos", "queued/a b.jpg")).get(0);
        assertThat(publisher.published).extracting(Delivery::destination).containsExactly(
                new Destination(Destination.Kind.QUEUE, QUEUE), new Destination(Destination.Kind.FUNCTION, FUNCTION));
        assertThat(publisher.published.get(0).message())
                .isEqualTo(S3EventMessage.render(queued, "queued/a+b.jpg", BucketIdentity.of(photos), "to-queue"));
        assertThat(publisher.published).allSatisfy(n -> assertThat(n).isInstanceOf(Delivery.EventMessage.class));
    }

    @Test
    void withEventBridgeOnEveryEventGoesToTheBusWhateverTheConfigurationsMatch() {
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                topic("images", IMAGES, "images/", null, "s3:ObjectCreated:*")), true));
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", "{\"events\":[" + put("photos", "images/a.jpg") + ","
                + event("s3:ObjectRemoved:Delete", "photos", "elsewhere/b") + "]}")))).isEmpty();
        assertThat(publisher.published).extracting(n -> n.destination().toString(), n -> n.origin().eventIndex())
                .containsExactly(tuple("sns " + IMAGES, 0), tuple("events default", 0), tuple("events default", 1));
        Delivery.BusEvent deleted = (Delivery.BusEvent) publisher.published.get(2);
        assertThat(deleted.detailType()).isEqualTo("Object Deleted");
        assertThat(deleted.resource()).isEqualTo("arn:aws:s3:::photos");
        assertThat(deleted.time()).isEqualTo(Instant.parse("2026-11-22T10:15:30Z")); // EventBridge keeps seconds
        assertThat(deleted.message()).isEqualTo(S3EventBridgeEvent.detail(
                new ObjectEventJson().read(event("s3:ObjectRemoved:Delete", "photos", "elsewhere/b")).get(0), photos));
    }

    @Test
    void withoutEventBridgeNothingGoesToTheBusAndEventsEventBridgeDoesNotKnowNeverDo() {
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", put("photos", "elsewhere/a.jpg"))))).isEmpty();
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(), true));
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m2",
                event("s3:Replication:OperationFailedReplication", "photos", "a"))))).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aMessageThatFailedInPartComesBackForWhatWasNotDeliveredOnly() {
        buckets.putNotificationConfiguration(photos, new NotificationConfiguration(List.of(
                queue("to-queue", QUEUE, "queued/", null, "s3:ObjectCreated:*")), true));
        publisher.failing(QUEUE);
        String body = "{\"events\":[" + put("photos", "queued/a.jpg") + "," + put("photos", "queued/b.jpg") + "]}";
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", body, 1)))).containsExactly("m1");
        assertThat(publisher.published).extracting(n -> n.destination().kind()).containsExactly(
                Destination.Kind.EVENT_BUS, Destination.Kind.EVENT_BUS);

        publisher.published.clear();
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", body, 2)))).containsExactly("m1");
        assertThat(publisher.calls.get(1)).extracting(n -> n.destination().kind())
                .containsExactly(Destination.Kind.QUEUE, Destination.Kind.QUEUE);
        assertThat(publisher.published).isEmpty();

        publisher.healed();
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", body, 3)))).isEmpty();
        assertThat(publisher.published).extracting(n -> n.destination().kind(), n -> n.origin().eventIndex())
                .containsExactly(tuple(Destination.Kind.QUEUE, 0), tuple(Destination.Kind.QUEUE, 1));
    }

    @Test
    void aMessageReceivedForTheFirstTimeDoesNotReadTheDeliveryLog() {
        deliveryLog.record(Map.of("m1", Set.of("0|images|sns " + IMAGES)));
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", put("photos", "images/a.jpg"), 1)))).isEmpty();
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void whenTheDeliveryLogCannotBeReadARedeliveredMessageIsDeliveredWhole() {
        DeliveryLog unreadable = new DeliveryLog() {
            @Override
            public Map<String, Set<String>> delivered(Collection<String> messageIds) {
                throw new DependencyUnavailableException("DynamoDB: throttled", null);
            }

            @Override
            public void record(Map<String, Set<String>> deliveredByMessage) {
                throw new DependencyUnavailableException("DynamoDB: throttled", null);
            }
        };
        var withoutLog = FanOuts.of(new BucketNotificationsCache(store, Duration.ofSeconds(5), System::nanoTime), publisher,
                unreadable);
        assertThat(withoutLog.deliver(List.of(new QueuedMessage("m1", put("photos", "images/a.jpg"), 4)))).isEmpty();
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void aPoisonedMessageFailsAloneAndTheOthersAreDelivered() {
        var failed = fanOut.deliver(List.of(
                new QueuedMessage("good-1", put("photos", "images/a.jpg")),
                new QueuedMessage("poison", "{not json"),
                new QueuedMessage("unknown-event", event("s3:ObjectCreated:Kaboom", "photos", "images/b.jpg")),
                new QueuedMessage("good-2", put("photos", "images/c.jpg"))));
        assertThat(failed).containsExactly("poison", "unknown-event");
        assertThat(publisher.published).extracting(n -> n.origin().messageId()).containsExactly("good-1", "good-2");
    }

    @Test
    void aMessageWhoseBucketCannotBeLookedUpFailsAndIsRetried() {
        store.unavailable(true);
        var failed = fanOut.deliver(List.of(new QueuedMessage("m1", put("photos", "images/a.jpg"))));
        assertThat(failed).containsExactly("m1");
        assertThat(publisher.published).isEmpty();
        store.unavailable(false);
        assertThat(fanOut.deliver(List.of(new QueuedMessage("m1", put("photos", "images/a.jpg"))))).isEmpty();
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void aMessageFailsWhenAnyOfItsNotificationsIsNotPublished() {
        publisher.failing(LOGS);
        var failed = fanOut.deliver(List.of(
                new QueuedMessage("both", "{\"events\":[" + put("photos", "images/a.jpg") + "," + put("photos", "logs/a") + "]}"),
                new QueuedMessage("images-only", put("photos", "images/b.jpg")),
                new QueuedMessage("logs-only", put("photos", "logs/b"))));
        assertThat(failed).containsExactly("both", "logs-only");
        assertThat(publisher.published).extracting(n -> n.origin().messageId()).containsExactly("both", "images-only");
    }

    @Test
    void s3TestEventsAreAcknowledgedWithoutPublishing() {
        var failed = fanOut.deliver(List.of(new QueuedMessage("test",
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2014-10-13T15:57:02.089Z\",\"Bucket\":\"photos\"}")));
        assertThat(failed).isEmpty();
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void readsEachBucketOnceForAWholeBatch() {
        List<QueuedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            messages.add(new QueuedMessage("m" + i, put(i % 2 == 0 ? "photos" : "empty", "images/" + i + ".jpg")));
        }
        assertThat(fanOut.deliver(messages)).isEmpty();
        assertThat(fanOut.deliver(messages)).isEmpty();
        assertThat(store.finds()).isEqualTo(2);
        assertThat(publisher.published).hasSize(100);
    }
}
