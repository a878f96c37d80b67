package dev.s3notifications.api;

import static dev.s3notifications.api.PutBucketNotificationValidationTest.QUEUE;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.TOPIC;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.document;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.queue;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.topic;
import static dev.s3notifications.testing.S3Requests.ACCOUNT;
import static dev.s3notifications.testing.S3Requests.OTHER_ACCOUNT;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static dev.s3notifications.testing.S3Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.fanout.Undelivered;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.memory.InMemoryDestinationHealthLog;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.GivenCallerAuthenticator;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET ?notification-health}: who may see it, what it shows, and that a dropped destination's record goes. */
class NotificationHealthApiTest {
    private static final Destination BUS = new Destination(Destination.Kind.EVENT_BUS, "default");
    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final InMemoryDestinationHealthLog log = new InMemoryDestinationHealthLog();
    private S3Api api;

    @BeforeEach
    void bucket() {
        api = new S3Api(new GivenCallerAuthenticator(), store, new NotificationConfigurationValidator(),
                new RecordingDestinationVerifier(), "us-east-1", 256 * 1024, Clock.systemUTC(),
                new NotificationHealth(log, BUS));
        store.create(new Bucket("photos", ACCOUNT, "us-east-1", Instant.parse("2026-11-01T00:00:00Z")));
    }

    private S3Response health(String account) {
        return api.handle(request("GET", "photos").query("notification-health").caller(account).build());
    }

    @Test
    void showsEachDestinationWithWhatWasRecordedOfItAndTheBusWhenEventBridgeIsOn() {
        api.handle(putNotification("photos", document(topic("images", TOPIC, "s3:ObjectCreated:*")
                + queue("logs", QUEUE, "s3:ObjectRemoved:*")).replace("</NotificationConfiguration>",
                "<EventBridgeConfiguration/></NotificationConfiguration>")).build());
        log.record(List.of(new DestinationHealthLog.Change("photos", new Destination(Destination.Kind.QUEUE, QUEUE), 3, 2,
                Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:05:00Z"),
                new Undelivered.Cause("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."),
                Instant.parse("2026-12-06T10:04:00Z"))));

        S3Response response = health(ACCOUNT);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NotificationHealth>"
                + "<Destination><Type>Topic</Type><Arn>" + TOPIC + "</Arn><ConfigurationId>images</ConfigurationId></Destination>"
                + "<Destination><Type>Queue</Type><Arn>" + QUEUE + "</Arn><ConfigurationId>logs</ConfigurationId>"
                + "<Delivered>3</Delivered><Failed>2</Failed><LastSuccess>2026-12-06T10:00:00.000Z</LastSuccess>"
                + "<LastFailure>2026-12-06T10:05:00.000Z</LastFailure>"
                + "<LastFailureCode>AWS.SimpleQueueService.NonExistentQueue</LastFailureCode>"
                + "<LastFailureMessage>The specified queue does not exist.</LastFailureMessage>"
                + "<FailingSince>2026-12-06T10:04:00.000Z</FailingSince></Destination>"
                + "<Destination><Type>EventBridge</Type><Arn>default</Arn></Destination></NotificationHealth>");
    }

    @Test
    void onlyWhoMayReadTheConfigurationSeesItsHealth() {
        S3Response stranger = health(OTHER_ACCOUNT);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.body()).contains("<Code>AccessDenied</Code>");
    }

    @Test
    void aDestinationDroppedFromTheConfigurationDropsItsRecord() {
        api.handle(putNotification("photos", document(queue("logs", QUEUE, "s3:ObjectRemoved:*"))).build());
        Destination queue = new Destination(Destination.Kind.QUEUE, QUEUE);
        log.record(List.of(new DestinationHealthLog.Change("photos", queue, 1, 0, Instant.EPOCH, null, null, null)));

        api.handle(putNotification("photos", document(topic("images", TOPIC, "s3:ObjectCreated:*"))).build());

        assertThat(log.read("photos", List.of(queue))).isEmpty();
        assertThat(health(ACCOUNT).body()).doesNotContain(QUEUE);
    }

    @Test
    void onlyGetReadsIt() {
        S3Response put = api.handle(request("PUT", "photos").query("notification-health").build());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers()).containsEntry("Allow", "GET");
    }
}
