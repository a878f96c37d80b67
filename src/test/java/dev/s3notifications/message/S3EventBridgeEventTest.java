package dev.s3notifications.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.notification.EventType;
import dev.s3notifications.store.Bucket;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The detail S3 writes, checked against the examples of S3's user guide and the events recorded against AWS. */
class S3EventBridgeEventTest {
    private static final Bucket BUCKET = new Bucket("DOC-EXAMPLE-BUCKET1", "111122223333", "ca-central-1",
            Instant.parse("2021-01-01T00:00:00Z"));
    private static final Instant TIME = Instant.parse("2021-11-12T00:00:00.123Z");

    private static ObjectEvent event(EventType type, Long size, String eTag, String versionId, String sequencer,
            String requestId, ObjectEvent.Restore restore, ObjectEvent.Context context) {
        return new ObjectEvent(type, BUCKET.name(), "example-key", size, eTag, versionId, sequencer, TIME,
                "AWS:AIDAJDPLRKLG7UEXAMPLE", "1.2.3.4", requestId, "host", restore, context);
    }

    private static ObjectEvent.Context requester(String accountId) {
        return new ObjectEvent.Context(accountId, null, null, null);
    }

    @Test
    void objectCreatedAsTheUserGuideShowsIt() {
        ObjectEvent put = event(EventType.OBJECT_CREATED_PUT, 5L, "b1946ac92492d2347c6235b4d2611184",
                "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "617f08299329d189", "N4N7GDK58NMKJ12R", null, requester("123456789012"));
        assertThat(S3EventBridgeEvent.detailType(put.type())).isEqualTo("Object Created");
        assertThat(S3EventBridgeEvent.detail(put, BUCKET)).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                + "\"object\":{\"key\":\"example-key\",\"size\":5,\"etag\":\"b1946ac92492d2347c6235b4d2611184\","
                + "\"version-id\":\"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e\",\"sequencer\":\"617f08299329d189\"},"
                + "\"request-id\":\"N4N7GDK58NMKJ12R\",\"requester\":\"123456789012\",\"source-ip-address\":\"1.2.3.4\","
                + "\"reason\":\"PutObject\"}");
    }

    @Test
    void aDeleteMarkerAsTheUserGuideShowsIt() {
        ObjectEvent marker = event(EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED, null, null,
                "1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF", "617f0837b476e463", "0BH729840619AG5K", null, requester("123456789012"));
        assertThat(S3EventBridgeEvent.detailType(marker.type())).isEqualTo("Object Deleted");
        assertThat(S3EventBridgeEvent.detail(marker, BUCKET)).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                + "\"object\":{\"key\":\"example-key\",\"etag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"version-id\":\"1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF\",\"sequencer\":\"617f0837b476e463\"},"
                + "\"request-id\":\"0BH729840619AG5K\",\"requester\":\"123456789012\",\"source-ip-address\":\"1.2.3.4\","
                + "\"reason\":\"DeleteObject\",\"deletion-type\":\"Delete Marker Created\"}");
    }

    @Test
    void aPermanentDeletionAsRecordedAgainstAwsHasNoSizeNoEtagAndTheOwnerAsDefaultRequester() {
        ObjectEvent deleted = event(EventType.OBJECT_REMOVED_DELETE, 5L, "abc", null, "0062E99A88DC407460", "REQ",
                null, ObjectEvent.Context.NONE);
        assertThat(S3EventBridgeEvent.detail(deleted, BUCKET)).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                + "\"object\":{\"key\":\"example-key\",\"sequencer\":\"0062E99A88DC407460\"},"
                + "\"request-id\":\"REQ\",\"requester\":\"111122223333\",\"source-ip-address\":\"1.2.3.4\","
                + "\"reason\":\"DeleteObject\",\"deletion-type\":\"Permanently Deleted\"}");
    }

    @Test
    void aLifecycleExpirationAsTheUserGuideShowsItIsS3sOwnDoingWithoutAnIpAddress() {
        ObjectEvent expired = event(EventType.LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED, null, "d41d8cd98f00b204e9800998ecf8427e",
                "mtB0cV.jejK63XkRNceanNMC.qXPWLeK", "617b398000000000", "20EB74C14654DC47", null, ObjectEvent.Context.NONE);
        assertThat(S3EventBridgeEvent.detail(expired, BUCKET)).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                + "\"object\":{\"key\":\"example-key\",\"etag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + "\"version-id\":\"mtB0cV.jejK63XkRNceanNMC.qXPWLeK\",\"sequencer\":\"617b398000000000\"},"
                + "\"request-id\":\"20EB74C14654DC47\",\"requester\":\"s3.amazonaws.com\",\"reason\":\"Lifecycle Expiration\","
                + "\"deletion-type\":\"Delete Marker Created\"}");
        ObjectEvent permanently = event(EventType.LIFECYCLE_EXPIRATION_DELETE, 5L, "abc", null, "617b398000000001", "R",
                null, ObjectEvent.Context.NONE);
        assertThat(S3EventBridgeEvent.detail(permanently, BUCKET)).contains("\"object\":{\"key\":\"example-key\",\"sequencer\"")
                .endsWith("\"reason\":\"Lifecycle Expiration\",\"deletion-type\":\"Permanently Deleted\"}");
    }

    @Test
    void aCompletedRestoreAsTheUserGuideShowsIt() {
        ObjectEvent restored = event(EventType.OBJECT_RESTORE_COMPLETED, 5L, "b1946ac92492d2347c6235b4d2611184",
                "KKsjUC1.6gIjqtvhfg5AdMI0eCePIiT3", "0062E99A88DC407460", "189F19CB7FB1B6A4",
                new ObjectEvent.Restore(Instant.parse("2021-11-13T00:00:00.000Z"), "GLACIER"), ObjectEvent.Context.NONE);
        assertThat(S3EventBridgeEvent.detailType(restored.type())).isEqualTo("Object Restore Completed");
        assertThat(S3EventBridgeEvent.detail(restored, BUCKET)).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                + "\"object\":{\"key\":\"example-key\",\"size\":5,\"etag\":\"b1946ac92492d2347c6235b4d2611184\","
                + "\"version-id\":\"KKsjUC1.6gIjqtvhfg5AdMI0eCePIiT3\"},"
                + "\"request-id\":\"189F19CB7FB1B6A4\",\"requester\":\"s3.amazonaws.com\","
                + "\"restore-expiry-time\":\"2021-11-13T00:00:00Z\",\"source-storage-class\":\"GLACIER\"}");
    }

    @Test
    void anInitiatedRestoreCarriesItsSourceStorageClassAndTheRequesterAndAddress() {
        ObjectEvent initiated = event(EventType.OBJECT_RESTORE_POST, 5L, "abc", null, "0062E99A88DC407460", "R",
                new ObjectEvent.Restore(null, "DEEP_ARCHIVE"), requester("123456789012"));
        assertThat(S3EventBridgeEvent.detailType(initiated.type())).isEqualTo("Object Restore Initiated");
        assertThat(S3EventBridgeEvent.detail(initiated, BUCKET)).isEqualTo("{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                + "\"object\":{\"key\":\"example-key\",\"size\":5,\"etag\":\"abc\"},\"request-id\":\"R\","
                + "\"requester\":\"123456789012\",\"source-ip-address\":\"1.2.3.4\",\"source-storage-class\":\"DEEP_ARCHIVE\"}");
    }

    @Test
    void taggingAndAclEventsCarryTheEtagButNoSizeOrSequencer() {
        for (EventType type : new EventType[] {EventType.OBJECT_TAGGING_PUT, EventType.OBJECT_TAGGING_DELETE, EventType.OBJECT_ACL_PUT}) {
            ObjectEvent changed = event(type, 5L, "abc", "v1", "0062E99A88DC407460", "R", null, requester("123456789012"));
            assertThat(S3EventBridgeEvent.detail(changed, BUCKET)).as(type.s3Name()).isEqualTo(
                    "{\"version\":\"0\",\"bucket\":{\"name\":\"DOC-EXAMPLE-BUCKET1\"},"
                    + "\"object\":{\"key\":\"example-key\",\"etag\":\"abc\",\"version-id\":\"v1\"},\"request-id\":\"R\","
                    + "\"requester\":\"123456789012\",\"source-ip-address\":\"1.2.3.4\"}");
        }
        assertThat(S3EventBridgeEvent.detailType(EventType.OBJECT_TAGGING_PUT)).isEqualTo("Object Tags Added");
        assertThat(S3EventBridgeEvent.detailType(EventType.OBJECT_TAGGING_DELETE)).isEqualTo("Object Tags Deleted");
        assertThat(S3EventBridgeEvent.detailType(EventType.OBJECT_ACL_PUT)).isEqualTo("Object ACL Updated");
    }

    @Test
    void storageClassAndAccessTierChangesNameWhereTheObjectWent() {
        ObjectEvent transition = event(EventType.LIFECYCLE_TRANSITION, 5L, "abc", null, null, "R", null,
                new ObjectEvent.Context(null, null, "INTELLIGENT_TIERING", null));
        assertThat(S3EventBridgeEvent.detail(transition, BUCKET)).endsWith(
                "\"request-id\":\"R\",\"requester\":\"s3.amazonaws.com\",\"destination-storage-class\":\"INTELLIGENT_TIERING\"}");
        ObjectEvent tiering = event(EventType.INTELLIGENT_TIERING, 5L, "abc", null, null, "R", null,
                new ObjectEvent.Context(null, null, null, "ARCHIVE_ACCESS"));
        assertThat(S3EventBridgeEvent.detail(tiering, BUCKET)).endsWith(
                "\"requester\":\"s3.amazonaws.com\",\"destination-access-tier\":\"ARCHIVE_ACCESS\"}");
    }

    @Test
    void theKeyIsRawNotUrlEncodedAndEscapedOnlyAsJsonRequires() {
        ObjectEvent put = new ObjectEvent(EventType.OBJECT_CREATED_PUT, "photos", "photos 2026/red \"flower\"+%2B@=é.jpg", 5L,
                "abc", null, "0A", TIME, "AWS:AIDA", "1.2.3.4", "R", "H", null, ObjectEvent.Context.NONE);
        assertThat(S3EventBridgeEvent.detail(put, BUCKET))
                .contains("\"object\":{\"key\":\"photos 2026/red \\\"flower\\\"+%2B@=é.jpg\",");
    }

    @Test
    void everyEventTypeHasS3sDetailTypeOrNoneWhenS3SendsItNotToEventBridge() {
        Map<EventType, String> detailTypes = Arrays.stream(EventType.values())
                .collect(Collectors.toMap(t -> t, t -> String.valueOf(S3EventBridgeEvent.detailType(t))));
        assertThat(detailTypes).containsEntry(EventType.OBJECT_CREATED_POST, "Object Created")
                .containsEntry(EventType.OBJECT_CREATED_COPY, "Object Created")
                .containsEntry(EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD, "Object Created")
                .containsEntry(EventType.LIFECYCLE_EXPIRATION_DELETE, "Object Deleted")
                .containsEntry(EventType.OBJECT_RESTORE_DELETE, "Object Restore Expired")
                .containsEntry(EventType.LIFECYCLE_TRANSITION, "Object Storage Class Changed")
                .containsEntry(EventType.INTELLIGENT_TIERING, "Object Access Tier Changed")
                .containsEntry(EventType.REDUCED_REDUNDANCY_LOST_OBJECT, "null")
                .containsEntry(EventType.REPLICATION_OPERATION_FAILED_REPLICATION, "null")
                .containsEntry(EventType.OBJECT_ANNOTATION_PUT, "null");
    }

    @Test
    void theReasonNamesTheApiThatCreatedTheObject() {
        Map<EventType, String> reasons = Map.of(EventType.OBJECT_CREATED_POST, "PostObject", EventType.OBJECT_CREATED_COPY,
                "CopyObject", EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD, "CompleteMultipartUpload");
        reasons.forEach((type, reason) -> assertThat(S3EventBridgeEvent.detail(
                event(type, 5L, "abc", null, "0A", "R", null, ObjectEvent.Context.NONE), BUCKET))
                .endsWith("\"reason\":\"" + reason + "\"}"));
    }
}
