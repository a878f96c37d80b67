package dev.s3notifications.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.message.InvalidObjectEventException;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.notification.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectEventJsonTest {
    private final ObjectEventJson reader = new ObjectEventJson();

    static List<ObjectEventMessages.Case> corpus() {
        return ObjectEventMessages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void acceptsExactlyTheValidMessages(ObjectEventMessages.Case message) {
        if (message.valid()) {
            assertThat(reader.read(message.body())).hasSize(message.events());
        } else {
            assertThatThrownBy(() -> reader.read(message.body())).isInstanceOf(InvalidObjectEventException.class);
        }
    }

    @Test
    void readsEveryFieldOfOurFormat() {
        ObjectEvent event = reader.read("""
                {"eventName":"s3:ObjectCreated:Put","bucket":"photos","key":"images/red flower.jpg","size":1024,
                 "eTag":"abc","versionId":"v1","sequencer":"0055AED6DCD90281E5","eventTime":"2026-11-22T12:15:30.123+02:00",
                 "requesterPrincipalId":"AWS:AIDA","sourceIpAddress":"203.0.113.7","requestId":"REQ","hostId":"HOST"}
                """).get(0);
        assertThat(event).isEqualTo(new ObjectEvent(EventType.OBJECT_CREATED_PUT, "photos", "images/red flower.jpg", 1024L,
                "abc", "v1", "0055AED6DCD90281E5", Instant.parse("2026-11-22T10:15:30.123Z"), "AWS:AIDA", "203.0.113.7",
                "REQ", "HOST", null, ObjectEvent.Context.NONE));
    }

    @Test
    void decodesTheKeysOfS3RecordsExactlyOnce() {
        ObjectEvent event = reader.read("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                  "eventTime":"2026-11-22T10:15:30.123Z","eventName":"ObjectCreated:Copy",
                  "userIdentity":{"principalId":"AWS:AIDA"},"requestParameters":{"sourceIPAddress":"203.0.113.7"},
                  "responseElements":{"x-amz-request-id":"REQ","x-amz-id-2":"HOST"},
                  "s3":{"s3SchemaVersion":"1.0","configurationId":"c","bucket":{"name":"photos","ownerIdentity":{"principalId":"A"},"arn":"arn:aws:s3:::photos"},
                        "object":{"key":"this+im+%2B+age%2525.txt","size":7,"eTag":"abc","versionId":"v1","sequencer":"0A"}}}]}
                """).get(0);
        assertThat(event.type()).isEqualTo(EventType.OBJECT_CREATED_COPY);
        assertThat(event.key()).isEqualTo("this im + age%25.txt"); // %2525 decodes once, to %25
        assertThat(event.bucket()).isEqualTo("photos");
        assertThat(event.size()).isEqualTo(7);
        assertThat(event.requestId()).isEqualTo("REQ");
        assertThat(event.hostId()).isEqualTo("HOST");
    }

    @Test
    void readsTheRestoreDataOfACompletedRestore() {
        ObjectEvent event = reader.read("""
                {"eventName":"s3:ObjectRestore:Completed","bucket":"b","key":"k","size":1,"eTag":"e","sequencer":"0A",
                 "eventTime":"2026-11-22T10:15:30Z","requesterPrincipalId":"AmazonCustomer:A","sourceIpAddress":"s3.amazonaws.com",
                 "requestId":"R","hostId":"H","restoreExpiryTime":"2026-12-01T00:00:00Z","restoreStorageClass":"GLACIER"}
                """).get(0);
        assertThat(event.restore()).isEqualTo(new ObjectEvent.Restore(Instant.parse("2026-12-01T00:00:00Z"), "GLACIER"));
    }

    @Test
    void saysWhichEventOfABatchIsWrong() {
        assertThatThrownBy(() -> reader.read("""
                {"events":[{"eventName":"s3:ObjectCreated:Put"}]}
                """)).hasMessage("events[0]: missing bucket");
        assertThatThrownBy(() -> reader.read("{\"eventName\":\"s3:ObjectCreated:Kaboom\"}"))
                .hasMessage("unknown event name s3:ObjectCreated:Kaboom");
    }

    @Test
    void theSchemaDescribesExactlyTheFieldsTheReaderKnows() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Files.readString(Path.of("schemas/object-event.schema.json")));
        Set<String> properties = new HashSet<>();
        schema.at("/$defs/event/properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).isEqualTo(ObjectEventJson.EVENT_FIELDS);
        Set<String> names = new HashSet<>();
        schema.at("/$defs/eventName/enum").forEach(n -> names.add(n.asText()));
        Set<String> known = new HashSet<>();
        for (EventType type : EventType.values()) {
            known.add(type.s3Name());
        }
        assertThat(names).isEqualTo(known);
    }
}
