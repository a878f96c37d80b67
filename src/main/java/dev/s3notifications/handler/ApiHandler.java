package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import org.crac.Core;

/** The API function: every S3 request API Gateway routes to {@code /} and {@code /{bucket}}. */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final S3Api api;
    private final ApiGatewayRequests requests;
    private final SnapStartPriming priming; // org.crac holds registered resources weakly

    public ApiHandler() {
        this(Settings.fromEnvironment());
    }

    public ApiHandler(Settings settings) {
        this(Wiring.api(settings), settings);
    }

    ApiHandler(S3Api api, Settings settings) {
        this.api = api;
        this.requests = new ApiGatewayRequests(settings.virtualHostDomains());
        this.priming = new SnapStartPriming(api, requests, settings);
        Core.getGlobalContext().register(priming);
    }

    @Override
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
