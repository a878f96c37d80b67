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
    void credentialsComeFromTheOptionsThenTheVariableElseTheTwoDefaults() {
        assertThat(LocalStack.credentials(new String[] {"--port", "1"}, null)).isNull();
        assertThat(LocalCredentials.parse(null)).isEqualTo(LocalCredentials.DEFAULTS);
        assertThat(LocalCredentials.DEFAULTS).extracting(LocalCredentials::accountId).doesNotHaveDuplicates().hasSize(2);
        assertThat(LocalStack.credentials(new String[] {}, "AKIA1:s1:111111111111")).isEqualTo("AKIA1:s1:111111111111");
        String[] args = {"--credentials", "AKIA1:s/1+:111111111111", "--port", "0", "--credentials=AKIA2:s2:222222222222"};
        assertThat(LocalStack.port(args, null)).isZero();
        assertThat(LocalCredentials.parse(LocalStack.credentials(args, "AKIA3:s3:333333333333"))).containsExactly(
                new LocalCredentials("AKIA1", "s/1+", "111111111111"), new LocalCredentials("AKIA2", "s2", "222222222222"));
        assertThatThrownBy(() -> LocalStack.credentials(new String[] {"--credentials", "AKIA1:s1"}, null))
                .hasMessage("not <access key id>:<secret key>:<account id>: AKIA1:s1");
        assertThatThrownBy(() -> LocalCredentials.parse("AKIA1:s1:12")).hasMessageContaining("12-digit account id");
    }

    @Test
    void theDynamoDbOptionNamesAnHttpEndpoint() {
        assertThat(LocalStack.dynamoDb(new String[] {"--port", "0"})).isNull();
        assertThat(LocalStack.dynamoDb(new String[] {"--dynamodb", "http://127.0.0.1:5000"})).isEqualTo("http://127.0.0.1:5000");
        assertThat(LocalStack.dynamoDb(new String[] {"--dynamodb=https://dynamodb.eu-west-1.amazonaws.com"}))
                .isEqualTo("https://dynamodb.eu-west-1.amazonaws.com");
        assertThat(LocalStack.port(new String[] {"--dynamodb", "http://127.0.0.1:5000", "--port", "7"}, null)).isEqualTo(7);
        assertThatThrownBy(() -> LocalStack.dynamoDb(new String[] {"--dynamodb"})).hasMessage("--dynamodb needs a URL");
        assertThatThrownBy(() -> LocalStack.dynamoDb(new String[] {"--dynamodb", "localhost:8000"}))
                .hasMessage("--dynamodb: not an http(s) URL: localhost:8000");
    }

    @Test
    void aServiceEndpointVariableWinsOverTheGeneralOne() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:5000", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        assertThat(LocalStack.endpoint(env, "AWS_ENDPOINT_URL_SNS")).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(LocalStack.endpoint(env, "AWS_ENDPOINT_URL_SQS")).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(LocalStack.endpoint(Map.of("AWS_ENDPOINT_URL_SQS", " "), "AWS_ENDPOINT_URL_SQS")).isNull();
        assertThat(LocalStack.endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB")).as("DynamoDB as the SDKs read it")
                .isEqualTo(URI.create("http://127.0.0.1:4566"));
    }
}
