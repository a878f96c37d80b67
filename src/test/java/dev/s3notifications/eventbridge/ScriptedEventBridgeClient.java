package dev.s3notifications.eventbridge;

import dev.s3notifications.testing.CallScript;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * An {@link EventBridgeClient} for unit tests: records every request, answers each call with the next scripted
 * answer, or with every entry put once the script is used up.
 */
final class ScriptedEventBridgeClient implements EventBridgeClient {
    final CallScript script = new CallScript();

    ScriptedEventBridgeClient thenThrow(RuntimeException exception) {
        script.thenThrow(exception);
        return this;
    }

    ScriptedEventBridgeClient then(Function<PutEventsRequest, Object> answer) {
        script.then(answer);
        return this;
    }

    List<PutEventsRequest> puts() {
        return script.requests(PutEventsRequest.class);
    }

    static PutEventsResponse allPut(PutEventsRequest request) {
        return PutEventsResponse.builder().failedEntryCount(0).entries(request.entries().stream()
                .map(e -> PutEventsResultEntry.builder().eventId("event-" + e.hashCode()).build()).toList()).build();
    }

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
        return script.answer(request, ScriptedEventBridgeClient::allPut);
    }

    @Override
    public String serviceName() {
        return "events";
    }

    @Override
    public void close() {
    }
}
