package dev.s3notifications.dynamodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in the JSON of DynamoDB's API, each value an object naming its type ({@code {"S": "photos"}},
 * {@code {"M": {…}}}), for the types the stores write: strings, numbers, booleans, lists and maps.
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html">AttributeValue</a>
 */
final class ItemJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ItemJson() {
    }

    /** The body of {@code GetItem}'s answer when it finds {@code item}: {@code {"Item": {…}}}. */
    static String getItemResponse(Map<String, AttributeValue> item) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeFieldName("Item");
            writeMap(json, item);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeMap(JsonGenerator json, Map<String, AttributeValue> values) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : values.entrySet()) {
            json.writeFieldName(entry.getKey());
            write(json, entry.getValue());
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, AttributeValue value) throws IOException {
        json.writeStartObject();
        json.writeFieldName(value.type().name());
        switch (value.type()) {
            case S -> json.writeString(value.s());
            case N -> json.writeString(value.n());
            case BOOL -> json.writeBoolean(value.bool());
            case NUL -> json.writeBoolean(true);
            case L -> {
                json.writeStartArray();
                for (AttributeValue element : value.l()) {
                    write(json, element);
                }
                json.writeEndArray();
            }
            case M -> writeMap(json, value.m());
            default -> throw new IllegalArgumentException("no store writes attributes of type " + value.type());
        }
        json.writeEndObject();
    }
}
