package dev.s3notifications.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3notifications.message.InvalidObjectEventException;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.message.ObjectEventReader;
import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.notification.EventType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the object-event messages of the fan-out queue (schemas/object-event.schema.json): one event, a batch
 * {@code {"events":[...]}}, or an S3 event notification {@code {"Records":[...]}} as S3 itself sends it (so a real
 * bucket's events can be re-routed; its keys are URL-encoded and decoded here once). S3's {@code s3:TestEvent}
 * carries no event. Our own format is strict (an unknown field is an error, so a misspelt optional field is
 * noticed); S3's records are read leniently, since S3 adds fields over time.
 */
public final class ObjectEventJson implements ObjectEventReader {
    /** The fields of one event in our own format. */
    static final Set<String> EVENT_FIELDS = Set.of("eventName", "bucket", "key", "size", "eTag", "versionId",
            "sequencer", "eventTime", "requesterPrincipalId", "sourceIpAddress", "requestId", "hostId",
            "restoreExpiryTime", "restoreStorageClass", "requesterAccountId", "traceHeader", "destinationStorageClass",
            "destinationAccessTier");
    /** The most events one message may carry. */
    static final int MAX_EVENTS = 1000;

    /** RFC 3339 date-times, as the schema has them (Instant.parse alone would also take a time without seconds). */
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    /**
     * Messages are read into Jackson's tree model by jackson-core's streaming parser directly rather than through an
     * ObjectMapper: the mapper's set-up (configuration, type factory, deserializer caches) is about 250 classes and
     * 100 ms of a cold start with C1, for a tree the parser builds in a few lines.
     */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public List<ObjectEvent> read(String body) {
        JsonNode root;
        try {
            root = body == null ? null : readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidObjectEventException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidObjectEventException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidObjectEventException("not a JSON object");
        }
        if (root.has("Records")) {
            return s3Records(root.get("Records"));
        }
        if (root.has("events")) {
            if (root.size() != 1) {
                throw new InvalidObjectEventException("a batch has only the field events");
            }
            return batch(root.get("events"));
        }
        if ("s3:TestEvent".equals(root.path("Event").asText(null)) && "Amazon S3".equals(root.path("Service").asText(null))) {
            return List.of();
        }
        return List.of(event(root, ""));
    }

    /** The document's one value as a tree (a missing node for an empty document); anything after it is an error. */
    static JsonNode readTree(String body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return NODES.missingNode();
            }
            JsonNode root = value(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after value");
            }
            return root;
        }
    }

    /** The value at the parser's current token, as Jackson's tree model has it (what ObjectMapper.readTree makes). */
    private static JsonNode value(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    object.set(name, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(parser.currentToken() == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "Unexpected token " + parser.currentToken());
        }
    }

    private static List<ObjectEvent> batch(JsonNode events) {
        if (!events.isArray() || events.isEmpty()) {
            throw new InvalidObjectEventException("events must be a non-empty array");
        }
        if (events.size() > MAX_EVENTS) {
            throw new InvalidObjectEventException("a message carries at most " + MAX_EVENTS + " events");
        }
        List<ObjectEvent> read = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).isObject()) {
                throw new InvalidObjectEventException("events[" + i + "] is not an object");
            }
            read.add(event(events.get(i), "events[" + i + "]: "));
        }
        return read;
    }

    private static ObjectEvent event(JsonNode node, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EVENT_FIELDS.contains(name)) {
                throw new InvalidObjectEventException(where + "unknown field " + name);
            }
        }
        try {
            String eventName = text(node, "eventName");
            EventType type = EventType.fromS3Name(eventName);
            if (type == null) {
                throw new InvalidObjectEventException(eventName == null ? "missing eventName" : "unknown event name " + eventName);
            }
            Instant restoreExpiry = time(node, "restoreExpiryTime");
            String restoreClass = text(node, "restoreStorageClass");
            return new ObjectEvent(type, text(node, "bucket"), text(node, "key"), size(node, "size"), text(node, "eTag"),
                    text(node, "versionId"), text(node, "sequencer"), time(node, "eventTime"),
                    text(node, "requesterPrincipalId"), text(node, "sourceIpAddress"), text(node, "requestId"),
                    text(node, "hostId"), restore(type, restoreExpiry, restoreClass),
                    new ObjectEvent.Context(text(node, "requesterAccountId"), text(node, "traceHeader"),
                            text(node, "destinationStorageClass"), text(node, "destinationAccessTier")));
        } catch (InvalidObjectEventException e) {
            throw where.isEmpty() ? e : new InvalidObjectEventException(where + e.getMessage());
        }
    }

    /** S3's own records; {@code eventName} without {@code s3:}, keys URL-encoded. */
    private static List<ObjectEvent> s3Records(JsonNode records) {
        if (!records.isArray() || records.isEmpty()) {
            throw new InvalidObjectEventException("Records must be a non-empty array");
        }
        if (records.size() > MAX_EVENTS) {
            throw new InvalidObjectEventException("a message carries at most " + MAX_EVENTS + " events");
        }
        List<ObjectEvent> read = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            try {
                if (!record.isObject()) {
                    throw new InvalidObjectEventException("not an object");
                }
                String recordName = text(record, "eventName");
                EventType type = recordName == null ? null
                        : EventType.fromS3Name(recordName.startsWith("s3:") ? recordName : "s3:" + recordName);
                if (type == null) {
                    throw new InvalidObjectEventException(recordName == null ? "missing eventName" : "unknown event name " + recordName);
                }
                JsonNode s3 = object(record, "s3");
                JsonNode object = object(s3, "object");
                String encodedKey = text(object, "key");
                String key;
                try {
                    key = encodedKey == null ? null : ObjectKeys.decode(encodedKey);
                } catch (IllegalArgumentException e) {
                    throw new InvalidObjectEventException("s3.object.key is not URL-encoded: " + e.getMessage());
                }
                JsonNode restore = object(object(record, "glacierEventData"), "restoreEventData");
                read.add(new ObjectEvent(type, text(object(s3, "bucket"), "name"), key, size(object, "size"),
                        text(object, "eTag"), text(object, "versionId"), text(object, "sequencer"), time(record, "eventTime"),
                        text(object(record, "userIdentity"), "principalId"),
                        text(object(record, "requestParameters"), "sourceIPAddress"),
                        text(object(record, "responseElements"), "x-amz-request-id"),
                        text(object(record, "responseElements"), "x-amz-id-2"),
                        restore(type, time(restore, "lifecycleRestorationExpiryTime"),
                                text(restore, "lifecycleRestoreStorageClass")),
                        ObjectEvent.Context.NONE));
            } catch (InvalidObjectEventException e) {
                throw new InvalidObjectEventException("Records[" + i + "]: " + e.getMessage());
            }
        }
        return read;
    }

    private static ObjectEvent.Restore restore(EventType type, Instant expiry, String storageClass) {
        boolean restoring = type == EventType.OBJECT_RESTORE_COMPLETED || type == EventType.OBJECT_RESTORE_POST;
        if (!restoring || (expiry == null && storageClass == null)) {
            return null;
        }
        return new ObjectEvent.Restore(expiry, storageClass);
    }

    /** The object member {@code name}, or a missing node (whose members are all missing) when there is none. */
    private static JsonNode object(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
            throw new InvalidObjectEventException(name + " must be an object");
        }
        return value;
    }

    /** A string member; null when missing or JSON null. */
    private static String text(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidObjectEventException(name + " must be a string");
        }
        return value.textValue();
    }

    private static Long size(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidObjectEventException(name + " must be an integer number of bytes");
        }
        return value.longValue();
    }

    private static Instant time(JsonNode parent, String name) {
        String value = text(parent, name);
        if (value == null) {
            return null;
        }
        try {
            if (!TIME.matcher(value).matches()) {
                throw new DateTimeParseException("not RFC 3339", value, 0);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidObjectEventException(name + " is not an ISO-8601 time such as 2026-11-22T10:15:30.123Z");
        }
    }
}
