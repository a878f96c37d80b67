package dev.s3notifications.api;

import static dev.s3notifications.api.PutBucketNotificationValidationTest.FUNCTION;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.MISSING_TOPIC;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.OTHER_TOPIC;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.QUEUE;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.TOPIC;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.document;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.rule;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.topic;
import static dev.s3notifications.testing.S3Requests.ACCOUNT;
import static dev.s3notifications.testing.S3Requests.getNotification;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.GivenCallerAuthenticator;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What PUT stores and GET returns, byte for byte, for every shape S3 accepts. */
class BucketNotificationApiTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final RecordingDestinationVerifier verifier = new RecordingDestinationVerifier()
            .failing(MISSING_TOPIC, "The destination topic does not exist");
    private S3Api api;

    @BeforeEach
    void bucket() {
        api = new S3Api(new GivenCallerAuthenticator(), store, new NotificationConfigurationValidator(), verifier, "us-east-1",
                256 * 1024, Clock.systemUTC(), NotificationHealth.NONE);
        store.create(new Bucket("photos", ACCOUNT, "us-east-1", Instant.parse("2026-11-01T00:00:00Z")));
    }

    private S3Response put(String body) {
        return api.handle(putNotification("photos", body).build());
    }

    private String get() {
        S3Response response = api.handle(getNotification("photos").build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/xml");
        return response.body();
    }

    @Test
    void getReturnsAnEmptyConfigurationWhenNoneIsStored() {
        assertThat(get()).isEqualTo(DECLARATION + "<NotificationConfiguration xmlns=\"" + NS + "\"/>");
    }

    @Test
    void putStoresTheCurrentShapeAndGetReturnsItNormalised() {
        String body = """
                <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <QueueConfiguration>
                    <Id>logs</Id>
                    <Queue>%s</Queue>
                    <Event>s3:ObjectRestore:Completed</Event>
                  </QueueConfiguration>
                  <TopicConfiguration>
                    <Id>images-created</Id>
                    <Topic>%s</Topic>
                    <Event>s3:ObjectRemoved:Delete</Event>
                    <Event>s3:ObjectCreated:*</Event>
                    <Filter><S3Key>
                      <FilterRule><Name>SUFFIX</Name><Value>.jpg</Value></FilterRule>
                      <FilterRule><Name>prefix</Name><Value>images/</Value></FilterRule>
                    </S3Key></Filter>
                  </TopicConfiguration>
                  <CloudFunctionConfiguration>
                    <Id>thumbs</Id>
                    <CloudFunction>%s</CloudFunction>
                    <Event>s3:ObjectTagging:*</Event>
                    <Filter><S3Key><FilterRule><Name>Prefix</Name><Value></Value></FilterRule></S3Key></Filter>
                  </CloudFunctionConfiguration>
                  <EventBridgeConfiguration/>
                </NotificationConfiguration>""".formatted(QUEUE, TOPIC, FUNCTION);

        S3Response response = put(body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(get()).isEqualTo(DECLARATION + "<NotificationConfiguration xmlns=\"" + NS + "\">"
                + "<TopicConfiguration><Id>images-created</Id><Topic>" + TOPIC + "</Topic>"
                + "<Event>s3:ObjectRemoved:Delete</Event><Event>s3:ObjectCreated:*</Event>"
                + "<Filter><S3Key><FilterRule><Name>Suffix</Name><Value>.jpg</Value></FilterRule>"
                + "<FilterRule><Name>Prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter></TopicConfiguration>"
                + "<QueueConfiguration><Id>logs</Id><Queue>" + QUEUE + "</Queue><Event>s3:ObjectRestore:Completed</Event></QueueConfiguration>"
                + "<CloudFunctionConfiguration><Id>thumbs</Id><CloudFunction>" + FUNCTION + "</CloudFunction>"
                + "<Event>s3:ObjectTagging:*</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value></Value></FilterRule>"
                + "</S3Key></Filter></CloudFunctionConfiguration>"
                + "<EventBridgeConfiguration/></NotificationConfiguration>");
    }

    @Test
    void putAcceptsTheLegacyShapeWithoutNamespaceAndInvocationRole() {
        String body = "<NotificationConfiguration>"
                + "<TopicConfiguration><Id>rrs</Id><Event>s3:ReducedRedundancyLostObject</Event><Topic>" + TOPIC + "</Topic></TopicConfiguration>"
                + "<CloudFunctionConfiguration><Id>fn</Id><Event>s3:ObjectCreated:Put</Event><CloudFunction>" + FUNCTION
                + "</CloudFunction><InvocationRole>arn:aws:iam::123456789012:role/s3-invoke</InvocationRole></CloudFunctionConfiguration>"
                + "</NotificationConfiguration>";

        assertThat(put(body).status()).isEqualTo(200);

        assertThat(get()).isEqualTo(DECLARATION + "<NotificationConfiguration xmlns=\"" + NS + "\">"
                + "<TopicConfiguration><Id>rrs</Id><Topic>" + TOPIC + "</Topic><Event>s3:ReducedRedundancyLostObject</Event></TopicConfiguration>"
                + "<CloudFunctionConfiguration><Id>fn</Id><CloudFunction>" + FUNCTION + "</CloudFunction>"
                + "<InvocationRole>arn:aws:iam::123456789012:role/s3-invoke</InvocationRole><Event>s3:ObjectCreated:Put</Event>"
                + "</CloudFunctionConfiguration></NotificationConfiguration>");
    }

    @Test
    void theLegacySingleTopicPutAnswersWithTheTestMessageId() {
        S3Response response = put(document(topic("rrs", TOPIC, "s3:ReducedRedundancyLostObject")));

        assertThat(response.headers()).containsEntry("x-amz-sns-test-message-id", "test-message-1");
        assertThat(put(document(topic("c", TOPIC, "s3:ObjectCreated:*"))).headers()).doesNotContainKey("x-amz-sns-test-message-id");
    }

    @Test
    void aMissingIdGetsAGeneratedOneThatStaysTheSame() throws Exception {
        put(document("<TopicConfiguration><Topic>" + TOPIC + "</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>"
                + "<QueueConfiguration><Id></Id><Queue>" + QUEUE + "</Queue><Event>s3:ObjectRemoved:*</Event></QueueConfiguration>"));

        String first = get();
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<Id>([^<]*)</Id>").matcher(first);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        for (String id : ids) {
            assertThat(id).hasSize(48);
            String decoded = new String(Base64.getDecoder().decode(id), StandardCharsets.US_ASCII);
            assertThat(UUID.fromString(decoded).toString()).isEqualTo(decoded); // base64 of a UUID's text
        }
        assertThat(get()).isEqualTo(first);
    }

    @Test
    void aConfigurationWithoutFilterComesBackWithoutFilter() {
        put(document(topic("a", TOPIC, "s3:ObjectCreated:*")));
        assertThat(get()).doesNotContain("Filter");
    }

    @Test
    void configurationsOfOneTypeKeepTheirOrder() {
        put(document(topic("z", TOPIC, "s3:ObjectCreated:*") + "<QueueConfiguration><Id>q</Id><Queue>" + QUEUE
                + "</Queue><Event>s3:ObjectTagging:*</Event></QueueConfiguration>" + topic("a", OTHER_TOPIC, "s3:ObjectRemoved:*")));
        String xml = get();
        assertThat(xml.indexOf("<Id>z</Id>")).isLessThan(xml.indexOf("<Id>a</Id>"));
        assertThat(xml.indexOf("<Id>a</Id>")).isLessThan(xml.indexOf("<Id>q</Id>"));
    }

    @Test
    void anEmptyConfigurationTurnsNotificationsOff() {
        put(document(topic("a", TOPIC, "s3:ObjectCreated:*")));
        assertThat(put("<NotificationConfiguration xmlns=\"" + NS + "\"/>").status()).isEqualTo(200);
        assertThat(get()).isEqualTo(DECLARATION + "<NotificationConfiguration xmlns=\"" + NS + "\"/>");
        assertThat(put("<NotificationConfiguration></NotificationConfiguration>").status()).isEqualTo(200);
    }

    @Test
    void aPutReplacesTheWholeConfiguration() {
        put(document(topic("a", TOPIC, "s3:ObjectCreated:*")));
        put(document(topic("b", OTHER_TOPIC, "s3:ObjectRemoved:*")));
        assertThat(get()).contains("<Id>b</Id>").doesNotContain("<Id>a</Id>");
    }

    static Stream<String> everyEventName() {
        List<String> names = new ArrayList<>();
        for (EventType type : EventType.values()) {
            names.add(type.s3Name());
        }
        names.addAll(List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectRestore:*", "s3:Replication:*",
                "s3:LifecycleExpiration:*", "s3:ObjectTagging:*", "s3:ObjectAnnotation:*"));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventName")
    void acceptsEveryEventNameOfS3(String event) {
        assertThat(put(document(topic("e", TOPIC, event))).status()).isEqualTo(200);
        assertThat(get()).contains("<Event>" + event + "</Event>");
    }

    @Test
    void nonOverlappingConfigurationsForOneEventAreAccepted() {
        String body = document(
                PutBucketNotificationValidationTest.topicWithRules(TOPIC, rule("prefix", "images/"), "s3:ObjectCreated:*")
                + PutBucketNotificationValidationTest.topicWithRules(OTHER_TOPIC, rule("prefix", "logs/"), "s3:ObjectCreated:Put")
                + PutBucketNotificationValidationTest.queueWithRules(QUEUE, rule("prefix", "images/") + rule("suffix", ".png"),
                        "s3:ObjectRemoved:*"));
        assertThat(put(body).status()).isEqualTo(200);
    }

    @Test
    void sendsOneTestMessagePerDistinctTopicAndNoneToQueuesOrFunctions() {
        put(document(topic("a", TOPIC, "s3:ObjectCreated:*") + topic("b", TOPIC, "s3:ObjectRemoved:*")
                + topic("c", OTHER_TOPIC, "s3:ObjectTagging:*")
                + "<QueueConfiguration><Queue>" + QUEUE + "</Queue><Event>s3:ObjectAcl:Put</Event></QueueConfiguration>"));
        assertThat(verifier.testMessagesSentTo).containsExactly(TOPIC, OTHER_TOPIC);
    }

    @Test
    void skippingDestinationValidationStoresAMissingTopicWithoutTestMessage() {
        S3Response response = api.handle(putNotification("photos", document(topic("m", MISSING_TOPIC, "s3:ObjectCreated:*")))
                .header("x-amz-skip-destination-validation", "true").build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(verifier.testMessagesSentTo).isEmpty();
        assertThat(get()).contains("<Topic>" + MISSING_TOPIC + "</Topic>");
    }

    @Test
    void aBodyWithTheRightContentMd5IsAccepted() throws Exception {
        String body = document(topic("a", TOPIC, "s3:ObjectCreated:*"));
        String md5 = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(api.handle(putNotification("photos", body).header("Content-MD5", md5).build()).status()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesTheRequestIds() {
        S3Response response = api.handle(getNotification("photos").build());
        assertThat(response.headers()).containsKeys("x-amz-request-id", "x-amz-id-2");
    }
}
