package dev.s3notifications.notification;

import java.util.HashMap;
import java.util.Map;

/**
 * The object event types S3 can notify about, each one bit of an event mask.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html">Event types</a>
 */
public enum EventType {
    OBJECT_CREATED_PUT("s3:ObjectCreated:Put"),
    OBJECT_CREATED_POST("s3:ObjectCreated:Post"),
    OBJECT_CREATED_COPY("s3:ObjectCreated:Copy"),
    OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD("s3:ObjectCreated:CompleteMultipartUpload"),
    OBJECT_REMOVED_DELETE("s3:ObjectRemoved:Delete"),
    OBJECT_REMOVED_DELETE_MARKER_CREATED("s3:ObjectRemoved:DeleteMarkerCreated"),
    OBJECT_RESTORE_POST("s3:ObjectRestore:Post"),
    OBJECT_RESTORE_COMPLETED("s3:ObjectRestore:Completed"),
    OBJECT_RESTORE_DELETE("s3:ObjectRestore:Delete"),
    REDUCED_REDUNDANCY_LOST_OBJECT("s3:ReducedRedundancyLostObject"),
    REPLICATION_OPERATION_FAILED_REPLICATION("s3:Replication:OperationFailedReplication"),
    REPLICATION_OPERATION_NOT_TRACKED("s3:Replication:OperationNotTracked"),
    REPLICATION_OPERATION_MISSED_THRESHOLD("s3:Replication:OperationMissedThreshold"),
    REPLICATION_OPERATION_REPLICATED_AFTER_THRESHOLD("s3:Replication:OperationReplicatedAfterThreshold"),
    LIFECYCLE_TRANSITION("s3:LifecycleTransition"),
    INTELLIGENT_TIERING("s3:IntelligentTiering"),
    LIFECYCLE_EXPIRATION_DELETE("s3:LifecycleExpiration:Delete"),
    LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED("s3:LifecycleExpiration:DeleteMarkerCreated"),
    OBJECT_TAGGING_PUT("s3:ObjectTagging:Put"),
    OBJECT_TAGGING_DELETE("s3:ObjectTagging:Delete"),
    OBJECT_ACL_PUT("s3:ObjectAcl:Put"),
    OBJECT_ANNOTATION_PUT("s3:ObjectAnnotation:Put"),
    OBJECT_ANNOTATION_DELETE("s3:ObjectAnnotation:Delete");

    /** Every name a configuration may list: each event type, and {@code <family>:*} for the families that have one. */
    private static final Map<String, Long> SELECTOR_MASKS = new HashMap<>();
    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            SELECTOR_MASKS.put(type.s3Name, type.bit());
            BY_NAME.put(type.s3Name, type);
        }
        // Only these families have a wildcard, and it covers exactly the family's members: lifecycle deletions
        // are not s3:ObjectRemoved:*, and there is no s3:* or s3:ObjectAcl:*.
        for (String family : new String[] {"s3:ObjectCreated", "s3:ObjectRemoved", "s3:ObjectRestore",
                "s3:Replication", "s3:LifecycleExpiration", "s3:ObjectTagging", "s3:ObjectAnnotation"}) {
            long mask = 0;
            for (EventType type : values()) {
                if (type.s3Name.startsWith(family + ":")) {
                    mask |= type.bit();
                }
            }
            SELECTOR_MASKS.put(family + ":*", mask);
        }
    }

    private final String s3Name;
    private final String recordName;

    EventType(String s3Name) {
        this.s3Name = s3Name;
        this.recordName = s3Name.substring("s3:".length());
    }

    /** The name as configurations write it, e.g. {@code s3:ObjectCreated:Put}. */
    public String s3Name() {
        return s3Name;
    }

    /** The name as event records carry it, without {@code s3:}, e.g. {@code ObjectCreated:Put}. */
    public String recordName() {
        return recordName;
    }

    public long bit() {
        return 1L << ordinal();
    }

    /** The event types a configured event name selects, as a mask; 0 when S3 does not know the name. */
    public static long selectorMask(String configuredName) {
        Long mask = configuredName == null ? null : SELECTOR_MASKS.get(configuredName);
        return mask == null ? 0 : mask;
    }

    /** The event type named {@code s3Name} (with the {@code s3:} prefix), or null. */
    public static EventType fromS3Name(String s3Name) {
        return s3Name == null ? null : BY_NAME.get(s3Name);
    }
}
