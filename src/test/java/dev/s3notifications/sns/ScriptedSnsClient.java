package dev.s3notifications.sns;

import dev.s3notifications.testing.CallScript;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * An {@link SnsClient} for unit tests of publishing logic: records every request, and answers each call with the
 * next scripted answer, or with success (every entry published) when the script is used up.
 */
final class ScriptedSnsClient implements SnsClient {
    final CallScript script = new CallScript();
    final List<Object> requests = script.requests();

    /** The next call throws {@code exception}. */
    ScriptedSnsClient thenThrow(RuntimeException exception) {
        script.thenThrow(exception);
        return this;
    }

    /** The next call answers with {@code answer(request)}. */
    ScriptedSnsClient then(Function<AwsRequest, Object> answer) {
        script.then(answer);
        return this;
    }

    List<PublishBatchRequest> batchRequests() {
        return script.requests(PublishBatchRequest.class);
    }

    List<PublishRequest> publishRequests() {
        return script.requests(PublishRequest.class);
    }

    static PublishBatchResponse allPublished(PublishBatchRequest request) {
        return PublishBatchResponse.builder().successful(request.publishBatchRequestEntries().stream()
                .map(e -> PublishBatchResultEntry.builder().id(e.id()).messageId("mid-" + e.id()).build()).toList()).build();
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        return script.answer(request, r -> PublishResponse.builder().messageId("mid").build());
    }

    @Override
    public PublishBatchResponse publishBatch(PublishBatchRequest request) {
        return script.answer(request, ScriptedSnsClient::allPublished);
    }

    @Override
    public String serviceName() {
        return "sns";
    }

    @Override
    public void close() {
    }
}
