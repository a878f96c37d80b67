package dev.s3notifications.message;

import dev.s3notifications.message.RecordShape.Presence;
import dev.s3notifications.notification.EventType;
import java.time.Instant;

/**
 * One thing that happened to one object, as the storage front end reports it: what the record S3 sends about it
 * is made from. Built only valid: the key is a possible S3 key, the fields the event type's record always carries
 * are there, and the fields it never carries are dropped.
 *
 * @param key                  the raw key, not encoded
 * @param size                 bytes, or null
 * @param eTag                 without quotes (quotes are removed), or null
 * @param versionId            null when the object has no version; S3's "null" version counts as none
 * @param requesterPrincipalId who made the request, e.g. {@code AWS:AIDAJDPLRKLG7UEXAMPLE}
 * @param restore              the restored copy's expiry and source storage class: required for
 *                             {@code s3:ObjectRestore:Completed}; for {@code s3:ObjectRestore:Post} the storage class
 *                             alone, optional (EventBridge's {@code source-storage-class}); null for other events
 * @param context              what only some destinations carry: the requester's account and the trace header,
 *                             the storage class or access tier an object moved to
 */
public record ObjectEvent(
        EventType type, String bucket, String key, Long size, String eTag, String versionId, String sequencer,
        Instant eventTime, String requesterPrincipalId, String sourceIpAddress, String requestId, String hostId,
        Restore restore, Context context) {

    /** {@code glacierEventData.restoreEventData} of an {@code s3:ObjectRestore:Completed} record. */
    public record Restore(Instant lifecycleRestorationExpiryTime, String lifecycleRestoreStorageClass) {
    }

    /**
     * What S3 knows about an event besides its record, and sends to some destinations only.
     *
     * @param requesterAccountId      the requester's AWS account (EventBridge's {@code requester}); null when unknown
     * @param traceHeader             the {@code X-Amzn-Trace-Id} of the request that caused the event (SQS's
     *                                {@code AWSTraceHeader}, EventBridge's trace header); null when it had none
     * @param destinationStorageClass {@code s3:LifecycleTransition}: the storage class the object moved to
     * @param destinationAccessTier   {@code s3:IntelligentTiering}: the access tier the object moved to
     */
    public record Context(String requesterAccountId, String traceHeader, String destinationStorageClass,
            String destinationAccessTier) {
        public static final Context NONE = new Context(null, null, null, null);

        public Context {
            requesterAccountId = blankToNull(requesterAccountId);
            traceHeader = blankToNull(traceHeader);
            destinationStorageClass = blankToNull(destinationStorageClass);
            destinationAccessTier = blankToNull(destinationAccessTier);
        }
    }

    public ObjectEvent {
        if (type == null) {
            throw new InvalidObjectEventException("missing or unknown event name");
        }
        require(bucket, "bucket");
        if (key == null || key.isEmpty()) {
            throw new InvalidObjectEventException("missing key");
        }
        if (!ObjectKeys.isValid(key)) {
            throw new InvalidObjectEventException("the key is not 1 to 1024 bytes of UTF-8");
        }
        if (eventTime == null) {
            throw new InvalidObjectEventException("missing eventTime");
        }
        require(requesterPrincipalId, "requesterPrincipalId");
        require(sourceIpAddress, "sourceIpAddress");
        require(requestId, "requestId");
        require(hostId, "hostId");
        if (size != null && size < 0) {
            throw new InvalidObjectEventException("size must not be negative");
        }
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            eTag = eTag.substring(1, eTag.length() - 1); // the ETag header is quoted; records are not
        }
        if (eTag != null && eTag.isEmpty()) {
            eTag = null;
        }
        if (versionId != null && (versionId.isEmpty() || versionId.equals("null"))) {
            versionId = null;
        }
        if (sequencer != null && sequencer.isEmpty()) {
            sequencer = null;
        }
        if (type == EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED && eTag == null) {
            eTag = RecordShape.EMPTY_OBJECT_ETAG; // a delete marker is an empty object
        }
        RecordShape shape = RecordShape.of(type);
        size = shaped(size, shape.size(), "size", type);
        eTag = shaped(eTag, shape.eTag(), "eTag", type);
        sequencer = shaped(sequencer, shape.sequencer(), "sequencer", type);
        if (type == EventType.OBJECT_RESTORE_COMPLETED) {
            if (restore == null || restore.lifecycleRestorationExpiryTime() == null
                    || isBlank(restore.lifecycleRestoreStorageClass())) {
                throw new InvalidObjectEventException("missing restore data: an expiry time and a storage class (required for "
                        + type.s3Name() + ")");
            }
        } else if (type == EventType.OBJECT_RESTORE_POST && restore != null && !isBlank(restore.lifecycleRestoreStorageClass())) {
            restore = new Restore(null, restore.lifecycleRestoreStorageClass());
        } else {
            restore = null;
        }
        if (context == null) {
            context = Context.NONE;
        }
        if (type != EventType.LIFECYCLE_TRANSITION && context.destinationStorageClass() != null
                || type != EventType.INTELLIGENT_TIERING && context.destinationAccessTier() != null) {
            context = new Context(context.requesterAccountId(), context.traceHeader(),
                    type == EventType.LIFECYCLE_TRANSITION ? context.destinationStorageClass() : null,
                    type == EventType.INTELLIGENT_TIERING ? context.destinationAccessTier() : null);
        }
    }

    private static <T> T shaped(T value, Presence presence, String field, EventType type) {
        return switch (presence) {
            case REQUIRED -> {
                if (value == null) {
                    throw new InvalidObjectEventException("missing " + field + " (required for " + type.s3Name() + ")");
                }
                yield value;
            }
            case OMITTED -> null;
            case WHEN_GIVEN -> value;
        };
    }

    private static void require(String value, String field) {
        if (isBlank(value)) {
            throw new InvalidObjectEventException("missing " + field);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}
