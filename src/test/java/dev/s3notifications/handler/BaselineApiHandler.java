package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.xml.JacksonS3Documents;
import java.util.HashMap;
import java.util.Map;

/**
 * The cold-start benchmark's baseline for the API function: the same request path, set up the way the SDK works
 * out of the box. It is the function's own wiring, nothing primed, run from a task root where two test classes
 * stand in for the function's ({@code src/test/baseline}, put there by scripts/benchmark-cold-start): an
 * {@code AwsClients} whose clients come from {@code create()} (the default HTTP client, Apache, found on the class
 * path; region and credentials discovered through the default provider chains), and an {@code S3Documents} that
 * writes the XML documents with a Jackson {@code XmlMapper} ({@link JacksonS3Documents}). The task root also holds
 * every default SDK dependency (no HTTP clients excluded). Not in the zip.
 */
public final class BaselineApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ApiHandler delegate;

    public BaselineApiHandler() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PRIME_AT_INIT", "false");
        delegate = new ApiHandler(Settings.from(environment));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        // Out of the box, one static XmlMapper reads and writes the XML, so the first request that touches XML
        // builds it (a PUT reads its body); ours reads with Woodstox, which the baseline shares, so build it here.
        JacksonS3Documents.mapper();
        return delegate.handleRequest(event, context);
    }
}
