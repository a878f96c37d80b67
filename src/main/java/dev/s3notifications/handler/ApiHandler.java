package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.s3notifications.priming.ApiPriming;
import dev.s3notifications.wiring.InitThread;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * The API function: every S3 request API Gateway routes to {@code /} and {@code /{bucket}}, through the function's
 * API behind a {@link ProxyIntegration}. It primes itself ({@link ApiPriming}) at init, unless told not to, and
 * before a SnapStart snapshot. Lambda calls it as a stream handler (the event's JSON is read by
 * {@link LambdaEventJson}, not by the runtime's reflective serializer); tests and the local stack call
 * {@link #handleRequest(APIGatewayProxyRequestEvent, Context)}.
 */
public final class ApiHandler implements RequestStreamHandler {
    private final ProxyIntegration integration;
    private final ApiPriming priming; // org.crac holds registered resources weakly

    /** Lambda's constructor: wires the function from its environment and primes it before the first request. */
    public ApiHandler() {
        this(Settings.fromEnvironment());
    }

    /** Wires the function from {@code settings} and primes it unless told not to (the local stack runs it this way too). */
    public ApiHandler(Settings settings) {
        this(settings, () -> Wiring.apiFunction(settings));
    }

    /**
     * Wires the function from {@code settings} over the stores given, and primes it unless told not to: the local
     * stack's in-memory stores, which its fan-out function shares.
     */
    public ApiHandler(Settings settings, Wiring.Stores stores) {
        this(settings, () -> Wiring.apiFunction(settings, stores));
    }

    private ApiHandler(Settings settings, Supplier<Wiring.ApiFunction> wiring) {
        ApiPriming.RequestPath requestPath = ProxyIntegration.requestPath(settings.virtualHostDomains());
        // Priming's sandbox needs nothing of the function: it runs while the function is wired, where that overlaps.
        InitThread<ApiPriming.SandboxRun> sandbox = settings.primeAtInit() ? ApiPriming.startAtInit(settings, requestPath) : null;
        Wiring.ApiFunction wired = wiring.get();
        this.integration = new ProxyIntegration(wired.api(), settings.virtualHostDomains());
        this.priming = new ApiPriming(wired, settings, requestPath);
        Core.getGlobalContext().register(priming);
        if (sandbox != null) {
            priming.primeAtInit(sandbox);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        integration.handle(input, output, context.getAwsRequestId());
    }

    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return integration.handle(event, context.getAwsRequestId());
    }
}
