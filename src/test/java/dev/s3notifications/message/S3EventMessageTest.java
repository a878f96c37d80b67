package dev.s3notifications.message;

import static dev.s3notifications.testing.ObjectEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.store.Bucket;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3EventMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BucketIdentity BUCKET = BucketIdentity.of(
            new Bucket("photos", "123456789012", "eu-west-1", Instant.parse("2026-01-01T00:00:00Z")));

    /** Everything before {@code "s3"} in a record of {@code eventName}, for the test events' request. */
    private static String head(String version, String eventName) {
        return "{\"Records\":[{\"eventVersion\":\"" + version + "\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"eu-west-1\","
                + "\"eventTime\":\"2026-11-22T10:15:30.123Z\",\"eventName\":\"" + eventName + "\","
                + "\"userIdentity\":{\"principalId\":\"AWS:AIDAJDPLRKLG7UEXAMPLE\"},"
                + "\"requestParameters\":{\"sourceIPAddress\":\"203.0.113.7\"},"
                + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\","
                + "\"x-amz-id-2\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD\"},"
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"images\","
                + "\"bucket\":{\"name\":\"photos\",\"ownerIdentity\":{\"principalId\":\"ACG6NQ0AY11LRL\"},"
                + "\"arn\":\"arn:aws:s3:::photos\"},";
    }

    private static String render(ObjectEvent event) {
        return S3EventMessage.render(event, ObjectKeys.encode(event.key()), BUCKET, "images");
    }

    @Test
    void rendersAVersionedPutExactlyAsS3Does() {
        ObjectEvent put = event(EventType.OBJECT_CREATED_PUT, "photos", "2026/red flower.jpg")
                .versionId("096fKKXTRTtl3on89fVO.nfljtsv6qko").build();
        assertThat(render(put)).isEqualTo(head("2.1", "ObjectCreated:Put")
                + "\"object\":{\"key\":\"2026/red+flower.jpg\",\"size\":1024,\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"versionId\":\"096fKKXTRTtl3on89fVO.nfljtsv6qko\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}");
    }

    @Test
    void leavesOutTheVersionIdOfAnUnversionedObject() {
        ObjectEvent copy = event(EventType.OBJECT_CREATED_COPY, "photos", "a@b=c").versionId("null").build();
        assertThat(render(copy)).isEqualTo(head("2.1", "ObjectCreated:Copy")
                + "\"object\":{\"key\":\"a%40b%3Dc\",\"size\":1024,\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"sequencer\":\"0055AED6DCD90281E5\"}}}]}");
    }

    @Test
    void aDeleteCarriesNeitherSizeNorETag() {
        ObjectEvent delete = event(EventType.OBJECT_REMOVED_DELETE, "photos", "c++/notes + ideas.txt").build();
        assertThat(render(delete)).isEqualTo(head("2.1", "ObjectRemoved:Delete")
                + "\"object\":{\"key\":\"c%2B%2B/notes+%2B+ideas.txt\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}");
    }

    @Test
    void aDeleteMarkerCarriesTheEmptyObjectETagAndTheMarkersVersion() {
        ObjectEvent marker = event(EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED, "photos", "café/menü.pdf")
                .size(null).eTag(null).versionId("marker-version").build();
        assertThat(render(marker)).isEqualTo(head("2.1", "ObjectRemoved:DeleteMarkerCreated")
                + "\"object\":{\"key\":\"caf%C3%A9/men%C3%BC.pdf\",\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"versionId\":\"marker-version\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}");
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"OBJECT_TAGGING_PUT", "OBJECT_TAGGING_DELETE", "OBJECT_ACL_PUT"})
    void taggingAndAclRecordsAreVersion23WithoutSizeOrSequencer(EventType type) {
        ObjectEvent tagged = event(type, "photos", "日本/写真.png").build();
        assertThat(render(tagged)).isEqualTo(head("2.3", type.recordName())
                + "\"object\":{\"key\":\"%E6%97%A5%E6%9C%AC/%E5%86%99%E7%9C%9F.png\","
                + "\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\"}}}]}");
    }

    @Test
    void aCompletedRestoreCarriesTheRestoreData() {
        ObjectEvent restored = event(EventType.OBJECT_RESTORE_COMPLETED, "photos", "archive/2020.tar")
                .restore(new ObjectEvent.Restore(Instant.parse("2026-12-01T00:00:00Z"), "GLACIER")).build();
        assertThat(render(restored)).isEqualTo(head("2.1", "ObjectRestore:Completed")
                + "\"object\":{\"key\":\"archive/2020.tar\",\"size\":1024,\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"sequencer\":\"0055AED6DCD90281E5\"}},"
                + "\"glacierEventData\":{\"restoreEventData\":{\"lifecycleRestorationExpiryTime\":\"2026-12-01T00:00:00.000Z\","
                + "\"lifecycleRestoreStorageClass\":\"GLACIER\"}}}]}");
    }

    @Test
    void eventTypesWhoseRecordsWereNeverRecordedCarryWhatTheEventGives() {
        ObjectEvent expired = event(EventType.LIFECYCLE_EXPIRATION_DELETE, "photos", "tmp/x").size(null).eTag(null).build();
        assertThat(render(expired)).isEqualTo(head("2.3", "LifecycleExpiration:Delete")
                + "\"object\":{\"key\":\"tmp/x\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}");
        ObjectEvent replication = event(EventType.REPLICATION_OPERATION_FAILED_REPLICATION, "photos", "r").build();
        assertThat(render(replication)).startsWith(head("2.2", "Replication:OperationFailedReplication"))
                .contains("\"size\":1024,\"eTag\":");
    }

    static Stream<Arguments> eventVersions() {
        Map<String, String> byFamily = Map.of("ObjectCreated", "2.1", "ObjectRemoved", "2.1", "ReducedRedundancyLostObject", "2.1",
                "Replication", "2.2", "LifecycleExpiration", "2.3", "LifecycleTransition", "2.3", "IntelligentTiering", "2.3",
                "ObjectTagging", "2.3", "ObjectAcl", "2.3", "ObjectAnnotation", "2.3");
        return Stream.of(EventType.values()).map(type -> {
            String family = type.recordName().split(":")[0];
            String version = family.equals("ObjectRestore") ? (type == EventType.OBJECT_RESTORE_DELETE ? "2.3" : "2.1")
                    : byFamily.get(family);
            return Arguments.of(type, version);
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("eventVersions")
    void everyEventTypeHasItsFamilysEventVersion(EventType type, String version) throws Exception {
        ObjectEvent.Restore restore = type == EventType.OBJECT_RESTORE_COMPLETED
                ? new ObjectEvent.Restore(Instant.EPOCH, "GLACIER") : null;
        JsonNode record = JSON.readTree(render(event(type, "photos", "k").restore(restore).build())).get("Records").get(0);
        assertThat(record.get("eventVersion").asText()).isEqualTo(version);
        assertThat(record.get("eventName").asText()).isEqualTo(type.s3Name().substring(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a+b", "a@b", "a=b", "ü/é/日本/😀", "deep/er/path/", "'\"quoted\" \\ back'", "~*()!"})
    void theRecordIsJsonWhoseKeyDecodesToTheRawKey(String key) throws Exception {
        JsonNode object = JSON.readTree(render(event(EventType.OBJECT_CREATED_POST, "photos", key).build()))
                .get("Records").get(0).get("s3").get("object");
        assertThat(object.get("key").asText()).isEqualTo(ObjectKeys.encode(key)).doesNotContain("%2F");
        assertThat(ObjectKeys.decode(object.get("key").asText())).isEqualTo(key);
        assertThat(object.get("size").isIntegralNumber()).isTrue();
    }

    @Test
    void eventTimeHasExactlyMillisecondsInUtc() throws Exception {
        ObjectEvent onTheSecond = event(EventType.OBJECT_CREATED_PUT, "photos", "k").time(Instant.parse("2026-01-02T03:04:05Z")).build();
        assertThat(JSON.readTree(render(onTheSecond)).at("/Records/0/eventTime").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
    }

    @Test
    void escapesTextFieldsThatNeedIt() throws Exception {
        ObjectEvent put = event(EventType.OBJECT_CREATED_PUT, "photos", "k").build();
        String json = S3EventMessage.render(put, "k", BUCKET, "say \"hi\"\\\n");
        assertThat(JSON.readTree(json).at("/Records/0/s3/configurationId").asText()).isEqualTo("say \"hi\"\\\n");
    }
}
