package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;

/**
 * The API function: every S3 request API Gateway routes to {@code /} and {@code /{bucket}}. Lambda calls it as a
 * stream handler (the event's JSON is read by {@link LambdaEventJson}, not by the runtime's reflective
 * serializer); tests and the local stack call {@link #handleRequest(APIGatewayProxyRequestEvent, Context)}.
 */
public final class ApiHandler implements RequestStreamHandler {
    private final S3Api api;
    private final ApiGatewayRequests requests;
    private final SnapStartPriming priming; // org.crac holds registered resources weakly

    /** Lambda's constructor: wires the function from its environment and primes it before the first request. */
    public ApiHandler() {
        this(Settings.fromEnvironment());
    }

    /** Wires the function from {@code settings} and primes it unless told not to (the local stack runs it this way too). */
    public ApiHandler(Settings settings) {
        this(Wiring.apiFunction(settings), settings);
    }

    /**
     * Wires the function from {@code settings} over the stores given, and primes it unless told not to: the local
     * stack's in-memory stores, which its fan-out function shares.
     */
    public ApiHandler(Settings settings, Wiring.Stores stores) {
        this(Wiring.apiFunction(settings, stores), settings);
    }

    private ApiHandler(Wiring.ApiFunction wired, Settings settings) {
        this.api = wired.api();
        this.requests = new ApiGatewayRequests(settings.virtualHostDomains());
        this.priming = new SnapStartPriming(api, requests, settings, wired.destinationVerifier(), wired.store());
        Core.getGlobalContext().register(priming);
        if (settings.primeAtInit()) {
            priming.primeAtInit();
        }
    }

    /** With the API given, unprimed: for tests and the benchmarks. */
    public ApiHandler(S3Api api, Settings settings) {
        this.api = api;
        this.requests = new ApiGatewayRequests(settings.virtualHostDomains());
        this.priming = new SnapStartPriming(api, requests, settings);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEventJson.writeApiGatewayResponse(handleRequest(LambdaEventJson.readApiGatewayEvent(input), context), output);
    }

    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        S3Request request;
        try {
            request = requests.toS3Request(event, context.getAwsRequestId());
        } catch (RuntimeException e) { // API Gateway never sends such an event; a hand-made one might
            JsonLog.error("unreadable proxy event", e, "invocationId", context.getAwsRequestId());
            return ApiGatewayRequests.toResponseEvent(api.internalError(context.getAwsRequestId()));
        }
        return ApiGatewayRequests.toResponseEvent(api.handle(request));
    }
}
