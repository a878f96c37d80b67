package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.priming.ApiPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An {@link S3Api} behind API Gateway's Lambda proxy integration (REST API, proxy events of version 1.0): the API
 * function's request path from the event to the response. {@link ApiHandler} puts the function's API behind one,
 * init priming its sandboxes, tests their own APIs.
 * <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html">Lambda proxy integrations</a>
 */
public final class ProxyIntegration {
    private final S3Api api;
    private final ApiGatewayRequests requests;

    /** @param virtualHostDomains the domains under which {@code <bucket>.<domain>} names a bucket */
    public ProxyIntegration(S3Api api, List<String> virtualHostDomains) {
        this.api = api;
        this.requests = new ApiGatewayRequests(virtualHostDomains);
    }

    /** The request path init priming sends its samples through: any API behind a proxy integration, JSON in and out. */
    public static ApiPriming.RequestPath requestPath(List<String> virtualHostDomains) {
        return (api, eventJson) -> {
            ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
            try {
                new ProxyIntegration(api, virtualHostDomains).handle(new ByteArrayInputStream(eventJson), response, "api-priming");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return response.toByteArray();
        };
    }

    /** The event's JSON in, the response's JSON out, as Lambda hands them to a stream handler. */
    public void handle(InputStream input, OutputStream output, String invocationId) throws IOException {
        LambdaEventJson.writeApiGatewayResponse(handle(LambdaEventJson.readApiGatewayEvent(input), invocationId), output);
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, String invocationId) {
        S3Request request;
        try {
            request = requests.toS3Request(event, invocationId);
        } catch (RuntimeException e) { // API Gateway never sends such an event; a hand-made one might
            JsonLog.error("unreadable proxy event", e, "invocationId", invocationId);
            return ApiGatewayRequests.toResponseEvent(api.internalError(invocationId));
        }
        return ApiGatewayRequests.toResponseEvent(api.handle(request));
    }
}
