package dev.s3notifications.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader's own tree against what the ObjectMapper it replaced made of the same text, valid or not. */
class ObjectEventJsonTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static Stream<String> texts() {
        return Stream.concat(ObjectEventMessages.all().stream().map(ObjectEventMessages.Case::body), Stream.of(
                "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5e3,\"e\":-0.0,\"f\":true,"
                        + "\"g\":false,\"h\":null,\"i\":[],\"j\":{},\"k\":[1,[2,{\"l\":\"\\u00e9\\n\"}]]}",
                "{\"size\":9223372036854775807}", "{\"size\":9223372036854775808}", "{\"size\":1.0}",
                "[1,2]", "\"text\"", "42", "null", "{\"a\":1} {\"b\":2}", "{\"a\":1}]", "{\"a\":1,\"a\":2}", "{\"a\":",
                "{a:1}", "{\"a\":01}", "  {\"a\" : [ 1 , 2 ] }  "));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void readsWhatTheObjectMapperRead(String text) throws IOException {
        JsonNode expected;
        try {
            expected = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            assertThatThrownBy(() -> ObjectEventJson.readTree(text)).isInstanceOf(JsonProcessingException.class);
            return;
        }
        assertThat(ObjectEventJson.readTree(text)).isEqualTo(expected);
    }
}
