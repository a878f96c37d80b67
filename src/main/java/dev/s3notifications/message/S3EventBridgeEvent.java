package dev.s3notifications.message;

import dev.s3notifications.notification.EventType;
import dev.s3notifications.store.Bucket;

/**
 * An object event as S3 sends it to Amazon EventBridge: its {@code detail-type}, and its {@code detail} with the
 * fields in S3's order, written by hand like {@link S3EventMessage}. Unlike records, the key is raw (not
 * URL-encoded), the ETag's member is {@code etag}, times are cut to the second, and the requester is an account id
 * or the service principal {@code s3.amazonaws.com} for what S3 does on its own (lifecycle, Intelligent-Tiering,
 * the completion and expiry of a restore), which also have no {@code source-ip-address}.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html">EventBridge event message structure</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-mapping-troubleshooting.html">Event type mapping</a>
 */
public final class S3EventBridgeEvent {
    /** The requester of what S3 does on its own. */
    static final String S3_SERVICE_PRINCIPAL = "s3.amazonaws.com";

    private S3EventBridgeEvent() {
    }

    /**
     * The {@code detail-type} S3 gives an event type on EventBridge; null for the types S3 does not send there
     * (reduced-redundancy loss, replication, annotations).
     */
    public static String detailType(EventType type) {
        return switch (type) {
            case OBJECT_CREATED_PUT, OBJECT_CREATED_POST, OBJECT_CREATED_COPY, OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD ->
                    "Object Created";
            case OBJECT_REMOVED_DELETE, OBJECT_REMOVED_DELETE_MARKER_CREATED, LIFECYCLE_EXPIRATION_DELETE,
                    LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED -> "Object Deleted";
            case OBJECT_RESTORE_POST -> "Object Restore Initiated";
            case OBJECT_RESTORE_COMPLETED -> "Object Restore Completed";
            case OBJECT_RESTORE_DELETE -> "Object Restore Expired";
            case LIFECYCLE_TRANSITION -> "Object Storage Class Changed";
            case INTELLIGENT_TIERING -> "Object Access Tier Changed";
            case OBJECT_TAGGING_PUT -> "Object Tags Added";
            case OBJECT_TAGGING_DELETE -> "Object Tags Deleted";
            case OBJECT_ACL_PUT -> "Object ACL Updated";
            case REDUCED_REDUNDANCY_LOST_OBJECT, REPLICATION_OPERATION_FAILED_REPLICATION, REPLICATION_OPERATION_NOT_TRACKED,
                    REPLICATION_OPERATION_MISSED_THRESHOLD, REPLICATION_OPERATION_REPLICATED_AFTER_THRESHOLD,
                    OBJECT_ANNOTATION_PUT, OBJECT_ANNOTATION_DELETE -> null;
        };
    }

    /** The event's {@code detail}, for an event type that has a {@link #detailType}. */
    public static String detail(ObjectEvent event, Bucket bucket) {
        EventType type = event.type();
        boolean deleted = isDeletion(type);
        boolean restore = type == EventType.OBJECT_RESTORE_POST || type == EventType.OBJECT_RESTORE_COMPLETED
                || type == EventType.OBJECT_RESTORE_DELETE;
        boolean byS3 = isDoneByS3(type);
        StringBuilder json = new StringBuilder(384 + event.key().length());
        json.append("{\"version\":\"0\",\"bucket\":{\"name\":");
        JsonText.appendString(json, bucket.name());
        json.append("},\"object\":{\"key\":");
        JsonText.appendString(json, event.key());
        if (event.size() != null && !deleted) {
            json.append(",\"size\":").append(event.size().longValue());
        }
        String eTag = eTag(event);
        if (eTag != null) {
            JsonText.appendString(json.append(",\"etag\":"), eTag);
        }
        if (event.versionId() != null) {
            JsonText.appendString(json.append(",\"version-id\":"), event.versionId());
        }
        if (event.sequencer() != null && !restore) {
            JsonText.appendString(json.append(",\"sequencer\":"), event.sequencer());
        }
        JsonText.appendString(json.append("},\"request-id\":"), event.requestId());
        String requester = event.context().requesterAccountId();
        JsonText.appendString(json.append(",\"requester\":"),
                requester != null ? requester : byS3 ? S3_SERVICE_PRINCIPAL : bucket.ownerAccountId());
        if (!byS3) {
            JsonText.appendString(json.append(",\"source-ip-address\":"), event.sourceIpAddress());
        }
        String reason = reason(type);
        if (reason != null) {
            JsonText.appendString(json.append(",\"reason\":"), reason);
        }
        if (deleted) {
            json.append(",\"deletion-type\":\"").append(isDeleteMarker(type) ? "Delete Marker Created" : "Permanently Deleted")
                    .append('"');
        }
        if (type == EventType.OBJECT_RESTORE_COMPLETED) {
            json.append(",\"restore-expiry-time\":\"")
                    .append(S3Time.formatSeconds(event.restore().lifecycleRestorationExpiryTime())).append('"');
        }
        if (event.restore() != null && event.restore().lifecycleRestoreStorageClass() != null) {
            JsonText.appendString(json.append(",\"source-storage-class\":"), event.restore().lifecycleRestoreStorageClass());
        }
        if (event.context().destinationStorageClass() != null) {
            JsonText.appendString(json.append(",\"destination-storage-class\":"), event.context().destinationStorageClass());
        }
        if (event.context().destinationAccessTier() != null) {
            JsonText.appendString(json.append(",\"destination-access-tier\":"), event.context().destinationAccessTier());
        }
        return json.append('}').toString();
    }

    /**
     * The ETag as EventBridge carries it: a permanent deletion has none, a delete marker the empty object's (S3 writes
     * it for lifecycle markers as for {@code DeleteObject}'s).
     */
    private static String eTag(ObjectEvent event) {
        if (isDeleteMarker(event.type())) {
            return event.eTag() != null ? event.eTag() : RecordShape.EMPTY_OBJECT_ETAG;
        }
        return isDeletion(event.type()) ? null : event.eTag();
    }

    /**
     * The API behind a creation or deletion. S3's guide names POST uploads "POST Object" without recording the
     * value; we write {@code PostObject}, in the form of the other three.
     */
    private static String reason(EventType type) {
        return switch (type) {
            case OBJECT_CREATED_PUT -> "PutObject";
            case OBJECT_CREATED_POST -> "PostObject";
            case OBJECT_CREATED_COPY -> "CopyObject";
            case OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD -> "CompleteMultipartUpload";
            case OBJECT_REMOVED_DELETE, OBJECT_REMOVED_DELETE_MARKER_CREATED -> "DeleteObject";
            case LIFECYCLE_EXPIRATION_DELETE, LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED -> "Lifecycle Expiration";
            default -> null;
        };
    }

    private static boolean isDeletion(EventType type) {
        return type == EventType.OBJECT_REMOVED_DELETE || type == EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED
                || type == EventType.LIFECYCLE_EXPIRATION_DELETE || type == EventType.LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED;
    }

    private static boolean isDeleteMarker(EventType type) {
        return type == EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED
                || type == EventType.LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED;
    }

    /** What S3 does on its own, not at a request: no client IP, and S3 itself as the requester. */
    private static boolean isDoneByS3(EventType type) {
        return switch (type) {
            case LIFECYCLE_EXPIRATION_DELETE, LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED, LIFECYCLE_TRANSITION,
                    INTELLIGENT_TIERING, OBJECT_RESTORE_COMPLETED, OBJECT_RESTORE_DELETE -> true;
            default -> false;
        };
    }
}
