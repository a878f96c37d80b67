package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start benchmark's SDK floor for the fan-out function: init builds the two clients as ours does; each
 * batch makes the AWS calls ours makes for the sample event (the bucket's configuration read, one publish of an
 * event message of the same size) and nothing else: no event JSON, no matching, no rendering. However a handler
 * built on the SDK arranges its work, its first response cannot be shorter than this one's. Not in the zip.
 */
public final class SdkFloorFanOutHandler implements RequestStreamHandler {
    private static final byte[] RESPONSE = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);
    /** About the size of the sample event's S3 message. */
    private static final String MESSAGE = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"padding\":\""
            + "x".repeat(900) + "\"}]}";

    private final SdkFloorClients clients = SdkFloorClients.fromEnvironment();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        clients.dynamoDb().getItem(b -> b.tableName(clients.settings().bucketsTable()).consistentRead(true)
                .key(Map.of("bucket", AttributeValue.fromS(SdkFloorClients.BUCKET))));
        clients.sns().publish(b -> b.topicArn(SdkFloorClients.TOPIC).subject(SdkFloorClients.SUBJECT).message(MESSAGE));
        output.write(RESPONSE);
    }
}
