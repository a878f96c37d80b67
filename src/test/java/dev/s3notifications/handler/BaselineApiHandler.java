package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import dev.s3notifications.xml.JacksonS3Documents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The cold-start benchmark's baseline for the API function: the same request path, set up the way the SDK works
 * out of the box. The clients come from {@code create()}: the default HTTP client (Apache, found on the class
 * path), region and credentials discovered through the default provider chains, XML documents written by a
 * Jackson {@code XmlMapper} ({@link JacksonS3Documents}), nothing primed. The benchmark
 * runs it from a task root holding every default SDK dependency (no HTTP clients excluded). Not in the zip.
 */
public final class BaselineApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ApiHandler delegate;

    public BaselineApiHandler() {
        Settings settings = Settings.fromEnvironment();
        delegate = new ApiHandler(Wiring.api(settings, DynamoDbClient.create(), SnsClient.create(), new JacksonS3Documents()),
                settings);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        // Out of the box, one static XmlMapper reads and writes the XML, so the first request that touches XML
        // builds it (a PUT reads its body); ours reads with Woodstox, which the baseline shares, so build it here.
        JacksonS3Documents.mapper();
        return delegate.handleRequest(event, context);
    }
}
