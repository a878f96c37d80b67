package dev.s3notifications.sns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    final List<AwsRequest> requests = new ArrayList<>();
    private final Deque<Function<AwsRequest, Object>> script = new ArrayDeque<>();

    /** The next call throws {@code exception}. */
    ScriptedSnsClient thenThrow(RuntimeException exception) {
        script.add(request -> {
            throw exception;
        });
        return this;
    }

    /** The next call answers with {@code answer(request)}. */
    ScriptedSnsClient then(Function<AwsRequest, Object> answer) {
        script.add(answer);
        return this;
    }

    List<PublishBatchRequest> batchRequests() {
        return requests.stream().filter(PublishBatchRequest.class::isInstance).map(PublishBatchRequest.class::cast).toList();
    }

    List<PublishRequest> publishRequests() {
        return requests.stream().filter(PublishRequest.class::isInstance).map(PublishRequest.class::cast).toList();
    }

    static PublishBatchResponse allPublished(PublishBatchRequest request) {
        return PublishBatchResponse.builder().successful(request.publishBatchRequestEntries().stream()
                .map(e -> PublishBatchResultEntry.builder().id(e.id()).messageId("mid-" + e.id()).build()).toList()).build();
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        requests.add(request);
        Function<AwsRequest, Object> answer = script.poll();
        return answer == null ? PublishResponse.builder().messageId("mid").build() : (PublishResponse) answer.apply(request);
    }

    @Override
    public PublishBatchResponse publishBatch(PublishBatchRequest request) {
        requests.add(request);
        Function<AwsRequest, Object> answer = script.poll();
        return answer == null ? allPublished(request) : (PublishBatchResponse) answer.apply(request);
    }

    @Override
    public String serviceName() {
        return "sns";
    }

    @Override
    public void close() {
    }
}
