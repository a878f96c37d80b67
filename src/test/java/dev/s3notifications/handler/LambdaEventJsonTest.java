package dev.s3notifications.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream handlers' JSON against the Lambda runtime's own serializer (aws-lambda-java-serialization, what the
 * runtime uses for POJO handlers): every event in events/ reads into the same object, and responses write the same
 * JSON.
 */
class LambdaEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClassLoader LOADER = LambdaEventJsonTest.class.getClassLoader();

    static Stream<Path> apiEvents() throws IOException {
        return Files.list(Path.of("events/api")).sorted();
    }

    static Stream<Path> sqsEvents() throws IOException {
        return Files.list(Path.of("events/sqs")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiEvents")
    void readsApiGatewayEventsAsTheRuntimeDoes(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        PojoSerializer<APIGatewayProxyRequestEvent> runtime =
                LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LOADER);

        APIGatewayProxyRequestEvent ours = LambdaEventJson.readApiGatewayEvent(new ByteArrayInputStream(json));

        assertThat(ours).isEqualTo(runtime.fromJson(new ByteArrayInputStream(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsEvents")
    void readsSqsEventsAsTheRuntimeDoesForWhatTheFanOutReads(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        SQSEvent runtime = LambdaEventSerializers.serializerFor(SQSEvent.class, LOADER).fromJson(new ByteArrayInputStream(json));

        SQSEvent ours = LambdaEventJson.readSqsEvent(new ByteArrayInputStream(json));

        assertThat(ours.getRecords()).hasSameSizeAs(runtime.getRecords());
        for (int i = 0; i < ours.getRecords().size(); i++) {
            SQSEvent.SQSMessage a = ours.getRecords().get(i);
            SQSEvent.SQSMessage b = runtime.getRecords().get(i);
            assertThat(List.of(a.getMessageId(), a.getBody(), a.getReceiptHandle(), a.getEventSourceArn(), a.getAttributes()))
                    .isEqualTo(List.of(b.getMessageId(), b.getBody(), b.getReceiptHandle(), b.getEventSourceArn(), b.getAttributes()));
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("responses")
    void writesProxyResponsesAsTheRuntimeDoes(APIGatewayProxyResponseEvent response) throws IOException {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ByteArrayOutputStream runtime = new ByteArrayOutputStream();

        LambdaEventJson.writeApiGatewayResponse(response, ours);
        LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LOADER).toJson(response, runtime);

        assertThat(JSON.readTree(ours.toByteArray())).isEqualTo(JSON.readTree(runtime.toByteArray()));
    }

    static Stream<APIGatewayProxyResponseEvent> responses() {
        return Stream.of(
                new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(Map.of("x-amz-request-id", "ABC"))
                        .withBody("").withIsBase64Encoded(false),
                new APIGatewayProxyResponseEvent().withStatusCode(400).withHeaders(Map.of("Content-Type", "application/xml"))
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Message>\"é\" & \u0001</Message></Error>")
                        .withIsBase64Encoded(false),
                new APIGatewayProxyResponseEvent().withStatusCode(204)
                        .withMultiValueHeaders(Map.of("Set", List.of("a", "b"))));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("batchResponses")
    void writesBatchResponsesAsTheRuntimeDoes(SQSBatchResponse response) throws IOException {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ByteArrayOutputStream runtime = new ByteArrayOutputStream();

        LambdaEventJson.writeSqsBatchResponse(response, ours);
        LambdaEventSerializers.serializerFor(SQSBatchResponse.class, LOADER).toJson(response, runtime);

        assertThat(JSON.readTree(ours.toByteArray())).isEqualTo(JSON.readTree(runtime.toByteArray()));
    }

    static Stream<SQSBatchResponse> batchResponses() {
        return Stream.of(new SQSBatchResponse(List.of()),
                new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-1"), new SQSBatchResponse.BatchItemFailure("m\"2"))));
    }
}
