package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void portComesFromTheOptionThenThePortVariableThenTheDefault() {
        assertThat(LocalStack.port(new String[] {}, null)).isEqualTo(LocalStack.DEFAULT_PORT);
        assertThat(LocalStack.port(new String[] {}, "8123")).isEqualTo(8123);
        assertThat(LocalStack.port(new String[] {"--port", "9321"}, "8123")).isEqualTo(9321);
        assertThat(LocalStack.port(new String[] {"--port=0"}, null)).isZero();
    }

    @Test
    void helpIsAskedForWithMinusH() {
        assertThat(LocalStack.port(new String[] {"--help"}, null)).isEqualTo(-1);
        assertThat(LocalStack.port(new String[] {"-h"}, null)).isEqualTo(-1);
    }

    @Test
    void rejectsWhatIsNotAPortAndUnknownArguments() {
        assertThatThrownBy(() -> LocalStack.port(new String[] {"--port", "http"}, null)).hasMessage("not a port number: http");
        assertThatThrownBy(() -> LocalStack.port(new String[] {"--port", "70000"}, null)).hasMessage("not a port number: 70000");
        assertThatThrownBy(() -> LocalStack.port(new String[] {}, "x")).hasMessage("not a port number: x");
        assertThatThrownBy(() -> LocalStack.port(new String[] {"--port"}, null)).hasMessage("--port needs a value");
        assertThatThrownBy(() -> LocalStack.port(new String[] {"--verbose"}, null)).hasMessage("unknown argument: --verbose");
    }

    @Test
    void aServiceEndpointVariableWinsOverTheGeneralOne() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:5000", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        assertThat(LocalStack.endpoint(env, "AWS_ENDPOINT_URL_SNS")).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(LocalStack.endpoint(env, "AWS_ENDPOINT_URL_SQS")).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(LocalStack.endpoint(Map.of("AWS_ENDPOINT_URL_SQS", " "), "AWS_ENDPOINT_URL_SQS")).isNull();
    }
}
