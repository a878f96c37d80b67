package dev.s3notifications.lambda;

import dev.s3notifications.testing.CallScript;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A {@link LambdaClient} for unit tests: records every request, answers each call with the next scripted answer, or
 * as Lambda answers a function that exists (202 for an event, 204 for a dry run) once the script is used up.
 */
class ScriptedLambdaClient implements LambdaClient {
    final CallScript script = new CallScript();

    private final Map<String, RuntimeException> refusals = new ConcurrentHashMap<>();

    /** Every invocation of {@code functionName} throws {@code exception}, whatever the script says. */
    ScriptedLambdaClient refusing(String functionName, RuntimeException exception) {
        refusals.put(functionName, exception);
        return this;
    }

    ScriptedLambdaClient thenThrow(RuntimeException exception) {
        script.thenThrow(exception);
        return this;
    }

    List<InvokeRequest> invocations() {
        return script.requests(InvokeRequest.class);
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
        RuntimeException refusal = refusals.get(request.functionName());
        if (refusal != null) {
            script.record(request);
            throw refusal;
        }
        return script.answer(request, r -> InvokeResponse.builder()
                .statusCode(r.invocationType() == InvocationType.DRY_RUN ? 204 : 202).build());
    }

    @Override
    public String serviceName() {
        return "lambda";
    }

    @Override
    public void close() {
    }
}
