package dev.s3notifications.event;

import static dev.s3notifications.testing.ObjectEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.domain.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectEventTest {

    @Test
    void aCreatedObjectNeedsSizeETagAndSequencer() {
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, "b", "k").size(null).build())
                .isInstanceOf(InvalidObjectEventException.class).hasMessage("missing size (required for s3:ObjectCreated:Put)");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, "b", "k").eTag(null).build())
                .hasMessage("missing eTag (required for s3:ObjectCreated:Put)");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_COPY, "b", "k").sequencer("").build())
                .hasMessage("missing sequencer (required for s3:ObjectCreated:Copy)");
    }

    @Test
    void dropsTheFieldsTheEventTypesRecordNeverCarries() {
        ObjectEvent delete = event(EventType.OBJECT_REMOVED_DELETE, "b", "k").build();
        assertThat(delete.size()).isNull();
        assertThat(delete.eTag()).isNull();
        assertThat(delete.sequencer()).isEqualTo("0055AED6DCD90281E5");
        ObjectEvent tagging = event(EventType.OBJECT_TAGGING_PUT, "b", "k").build();
        assertThat(tagging.size()).isNull();
        assertThat(tagging.sequencer()).isNull();
        assertThat(tagging.eTag()).isNotNull();
    }

    @Test
    void normalisesQuotedETagsAndTheNullVersion() {
        ObjectEvent put = event(EventType.OBJECT_CREATED_PUT, "b", "k").eTag("\"abc\"").versionId("null").build();
        assertThat(put.eTag()).isEqualTo("abc");
        assertThat(put.versionId()).isNull();
    }

    @Test
    void aCompletedRestoreNeedsItsRestoreDataAndOthersDropIt() {
        assertThatThrownBy(() -> event(EventType.OBJECT_RESTORE_COMPLETED, "b", "k").build())
                .hasMessage("missing restore data (required for s3:ObjectRestore:Completed)");
        ObjectEvent post = event(EventType.OBJECT_RESTORE_POST, "b", "k")
                .restore(new ObjectEvent.Restore(Instant.EPOCH, "GLACIER")).build();
        assertThat(post.restore()).isNull();
    }

    @Test
    void rejectsMissingIdentityAndImpossibleKeys() {
        assertThatThrownBy(() -> event(null, "b", "k").build()).hasMessage("missing or unknown event name");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, " ", "k").build()).hasMessage("missing bucket");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, "b", "").build()).hasMessage("missing key");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, "b", "x".repeat(1025)).build())
                .hasMessage("the key is not 1 to 1024 bytes of UTF-8");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, "b", "k").time(null).build()).hasMessage("missing eventTime");
        assertThatThrownBy(() -> event(EventType.OBJECT_CREATED_PUT, "b", "k").size(-1L).build())
                .hasMessage("size must not be negative");
    }
}
