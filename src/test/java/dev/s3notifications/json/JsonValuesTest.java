package dev.s3notifications.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void readsAndWritesEveryKindOfValueInDocumentOrder() throws IOException {
        String document = "{\"z\":\"text \\\"quoted\\\" \\u00e9\",\"a\":[1,2.5,-3e+2,true,false,null],\"m\":{\"n\":{}},\"e\":[]}";

        Map<String, Object> read = JsonValues.readObject(stream(document));

        assertThat(read).containsOnlyKeys("z", "a", "m", "e");
        assertThat(read.keySet()).containsExactly("z", "a", "m", "e");
        assertThat(read.get("z")).isEqualTo("text \"quoted\" é");
        assertThat(JsonValues.readObject(new ByteArrayInputStream(JsonValues.write(read)))).isEqualTo(read);
    }

    @Test
    void refusesADocumentThatIsNotAnObject() {
        assertThatThrownBy(() -> JsonValues.readObject(stream("[1]"))).isInstanceOf(IOException.class);
    }

    @Test
    void refusesToWriteWhatJsonCannotHold() {
        assertThatThrownBy(() -> JsonValues.write(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
