package dev.s3notifications.message;

import static dev.s3notifications.testing.ObjectEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.notification.EventType;
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
    void aCompletedRestoreNeedsItsRestoreDataAnInitiatedOneKeepsOnlyItsStorageClassAndOthersDropIt() {
        assertThatThrownBy(() -> event(EventType.OBJECT_RESTORE_COMPLETED, "b", "k").build())
                .hasMessage("missing restore data: an expiry time and a storage class (required for s3:ObjectRestore:Completed)");
        assertThatThrownBy(() -> event(EventType.OBJECT_RESTORE_COMPLETED, "b", "k")
                .restore(new ObjectEvent.Restore(null, "GLACIER")).build()).hasMessageStartingWith("missing restore data");
        ObjectEvent post = event(EventType.OBJECT_RESTORE_POST, "b", "k")
                .restore(new ObjectEvent.Restore(Instant.EPOCH, "GLACIER")).build();
        assertThat(post.restore()).isEqualTo(new ObjectEvent.Restore(null, "GLACIER"));
        ObjectEvent put = event(EventType.OBJECT_CREATED_PUT, "b", "k")
                .restore(new ObjectEvent.Restore(Instant.EPOCH, "GLACIER")).build();
        assertThat(put.restore()).isNull();
    }

    @Test
    void keepsAStorageClassOrAccessTierOnlyForTheEventThatMovesTheObjectThere() {
        var context = new ObjectEvent.Context("111122223333", "Root=1-5759e988-bd862e3fe1be46a994272793", "GLACIER", "ARCHIVE_ACCESS");
        ObjectEvent transition = event(EventType.LIFECYCLE_TRANSITION, "b", "k").context(context).build();
        assertThat(transition.context()).isEqualTo(new ObjectEvent.Context("111122223333",
                "Root=1-5759e988-bd862e3fe1be46a994272793", "GLACIER", null));
        ObjectEvent tiering = event(EventType.INTELLIGENT_TIERING, "b", "k").context(context).build();
        assertThat(tiering.context().destinationAccessTier()).isEqualTo("ARCHIVE_ACCESS");
        assertThat(tiering.context().destinationStorageClass()).isNull();
        ObjectEvent put = event(EventType.OBJECT_CREATED_PUT, "b", "k").context(new ObjectEvent.Context(" ", null, "GLACIER", null))
                .build();
        assertThat(put.context()).isEqualTo(ObjectEvent.Context.NONE);
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
