package dev.s3notifications.message;

import dev.s3notifications.notification.EventType;

/**
 * What a record of one event type looks like: its {@code eventVersion} and which of the object's size, ETag and
 * sequencer S3 writes. S3 gave event families different versions until 2.4: 2.1 for most, 2.2 for replication,
 * 2.3 for Lifecycle, Intelligent-Tiering, ACL, tagging and restore-delete events. We keep those per-family
 * versions, which consumers have parsed for years; the field omissions are the ones recorded against AWS
 * (deletes carry no size; tagging and ACL events no size and no sequencer). For event types whose records were
 * not recorded, a field is written when the object event carries it.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">Event message structure</a>
 */
public record RecordShape(String eventVersion, Presence size, Presence eTag, Presence sequencer) {

    /** Whether a record field is always there, never there, or there when the event has a value for it. */
    public enum Presence { REQUIRED, OMITTED, WHEN_GIVEN }

    /** The ETag of an empty object, which S3 writes for a delete marker. */
    public static final String EMPTY_OBJECT_ETAG = "d41d8cd98f00b204e9800998ecf8427e";

    private static final RecordShape CREATED = new RecordShape("2.1", Presence.REQUIRED, Presence.REQUIRED, Presence.REQUIRED);
    private static final RecordShape DELETED = new RecordShape("2.1", Presence.OMITTED, Presence.OMITTED, Presence.REQUIRED);
    private static final RecordShape DELETE_MARKER = new RecordShape("2.1", Presence.OMITTED, Presence.REQUIRED, Presence.REQUIRED);
    private static final RecordShape METADATA = new RecordShape("2.3", Presence.OMITTED, Presence.REQUIRED, Presence.OMITTED);
    private static final RecordShape UNRECORDED_2_1 = unrecorded("2.1");
    private static final RecordShape UNRECORDED_2_2 = unrecorded("2.2");
    private static final RecordShape UNRECORDED_2_3 = unrecorded("2.3");

    public static RecordShape of(EventType type) {
        return switch (type) {
            case OBJECT_CREATED_PUT, OBJECT_CREATED_POST, OBJECT_CREATED_COPY, OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD,
                    OBJECT_RESTORE_POST, OBJECT_RESTORE_COMPLETED -> CREATED;
            case OBJECT_REMOVED_DELETE -> DELETED;
            case OBJECT_REMOVED_DELETE_MARKER_CREATED -> DELETE_MARKER;
            case OBJECT_TAGGING_PUT, OBJECT_TAGGING_DELETE, OBJECT_ACL_PUT -> METADATA;
            case REDUCED_REDUNDANCY_LOST_OBJECT -> UNRECORDED_2_1;
            case REPLICATION_OPERATION_FAILED_REPLICATION, REPLICATION_OPERATION_NOT_TRACKED,
                    REPLICATION_OPERATION_MISSED_THRESHOLD, REPLICATION_OPERATION_REPLICATED_AFTER_THRESHOLD -> UNRECORDED_2_2;
            // Annotation events are newer than the per-family versions; like tagging they change an object's
            // metadata, so they get tagging's version.
            case OBJECT_RESTORE_DELETE, LIFECYCLE_TRANSITION, INTELLIGENT_TIERING, LIFECYCLE_EXPIRATION_DELETE,
                    LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED, OBJECT_ANNOTATION_PUT, OBJECT_ANNOTATION_DELETE -> UNRECORDED_2_3;
        };
    }

    private static RecordShape unrecorded(String version) {
        return new RecordShape(version, Presence.WHEN_GIVEN, Presence.WHEN_GIVEN, Presence.WHEN_GIVEN);
    }
}
