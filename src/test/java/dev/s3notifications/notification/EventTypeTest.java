package dev.s3notifications.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    private static long mask(EventType... types) {
        long mask = 0;
        for (EventType type : types) {
            mask |= type.bit();
        }
        return mask;
    }

    @Test
    void aWildcardSelectsExactlyItsFamily() {
        assertThat(EventType.selectorMask("s3:ObjectCreated:*")).isEqualTo(mask(EventType.OBJECT_CREATED_PUT,
                EventType.OBJECT_CREATED_POST, EventType.OBJECT_CREATED_COPY, EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD));
        assertThat(EventType.selectorMask("s3:ObjectRemoved:*"))
                .isEqualTo(mask(EventType.OBJECT_REMOVED_DELETE, EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED));
        assertThat(EventType.selectorMask("s3:LifecycleExpiration:*")).isEqualTo(mask(EventType.LIFECYCLE_EXPIRATION_DELETE,
                EventType.LIFECYCLE_EXPIRATION_DELETE_MARKER_CREATED));
        assertThat(EventType.selectorMask("s3:Replication:*")).isEqualTo(mask(EventType.REPLICATION_OPERATION_FAILED_REPLICATION,
                EventType.REPLICATION_OPERATION_NOT_TRACKED, EventType.REPLICATION_OPERATION_MISSED_THRESHOLD,
                EventType.REPLICATION_OPERATION_REPLICATED_AFTER_THRESHOLD));
    }

    @Test
    void namesS3DoesNotKnowSelectNothing() {
        for (String name : new String[] {"s3:*", "s3:ObjectAcl:*", "s3:ObjectCreated", "ObjectCreated:Put", "s3:", "", "s3:objectcreated:put"}) {
            assertThat(EventType.selectorMask(name)).as(name).isZero();
        }
        assertThat(EventType.selectorMask(null)).isZero();
    }

    @Test
    void recordNamesDropTheS3Prefix() {
        assertThat(EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD.recordName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(EventType.fromS3Name("s3:ObjectTagging:Put")).isEqualTo(EventType.OBJECT_TAGGING_PUT);
        assertThat(EventType.values()).hasSizeLessThanOrEqualTo(64); // one bit each in a long
    }
}
