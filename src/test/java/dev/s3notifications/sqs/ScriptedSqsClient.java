package dev.s3notifications.sqs;

import dev.s3notifications.testing.CallScript;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * An {@link SqsClient} for unit tests: records every request, answers each send with the next scripted answer, or
 * with success (every entry sent) once the script is used up; queue URLs have a script of their own
 * ({@link #urls}), and by default every queue exists at {@code https://sqs.test/<account>/<name>}.
 */
final class ScriptedSqsClient implements SqsClient {
    final CallScript script = new CallScript();
    final CallScript urls = new CallScript();

    ScriptedSqsClient thenThrow(RuntimeException exception) {
        script.thenThrow(exception);
        return this;
    }

    ScriptedSqsClient then(Function<Object, Object> answer) {
        script.then(answer);
        return this;
    }

    List<SendMessageBatchRequest> batchRequests() {
        return script.requests(SendMessageBatchRequest.class);
    }

    static SendMessageBatchResponse allSent(SendMessageBatchRequest request) {
        return SendMessageBatchResponse.builder().successful(request.entries().stream()
                .map(e -> SendMessageBatchResultEntry.builder().id(e.id()).messageId("mid-" + e.id()).build()).toList()).build();
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return urls.answer(request, r -> GetQueueUrlResponse.builder()
                .queueUrl("https://sqs.test/" + r.queueOwnerAWSAccountId() + "/" + r.queueName()).build());
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        return script.answer(request, r -> SendMessageResponse.builder().messageId("test-message").build());
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        return script.answer(request, ScriptedSqsClient::allSent);
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
