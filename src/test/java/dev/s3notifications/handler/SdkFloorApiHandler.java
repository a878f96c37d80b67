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
 * The cold-start benchmark's SDK floor for the API function: only the AWS SDK's share of a
 * {@code PUT ?notification}. Init builds the two clients as ours does; each request makes the AWS calls ours makes
 * (the access key read, the bucket read, the {@code s3:TestEvent} publish, the conditional write, here the
 * configuration written back as it was read, so nothing changes) and nothing else: no event JSON, no signature
 * check, no XML, no validation. However a handler built on the SDK arranges its work, its first response cannot
 * be shorter than this one's. Not in the zip.
 */
public final class SdkFloorApiHandler implements RequestStreamHandler {
    private static final byte[] RESPONSE = "{\"statusCode\":200,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String TEST_EVENT = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":"
            + "\"2026-11-22T00:00:00.000Z\",\"Bucket\":\"" + SdkFloorClients.BUCKET + "\",\"RequestId\":"
            + "\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}";

    private final SdkFloorClients clients = SdkFloorClients.fromEnvironment();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        clients.dynamoDb().getItem(b -> b.tableName(clients.settings().accessKeysTable()).consistentRead(true)
                .key(Map.of("accessKeyId", AttributeValue.fromS(SdkFloorClients.ACCESS_KEY_ID))));
        Map<String, AttributeValue> bucket = clients.dynamoDb().getItem(b -> b.tableName(clients.settings().bucketsTable())
                .consistentRead(true).key(Map.of("bucket", AttributeValue.fromS(SdkFloorClients.BUCKET)))).item();
        clients.sns().publish(b -> b.topicArn(SdkFloorClients.TOPIC).subject(SdkFloorClients.SUBJECT).message(TEST_EVENT));
        clients.dynamoDb().updateItem(b -> b.tableName(clients.settings().bucketsTable())
                .key(Map.of("bucket", AttributeValue.fromS(SdkFloorClients.BUCKET)))
                .updateExpression("SET #configuration = :configuration")
                .conditionExpression("attribute_exists(#bucket) AND #owner = :owner")
                .expressionAttributeNames(Map.of("#configuration", "notificationConfiguration", "#bucket", "bucket",
                        "#owner", "owner"))
                .expressionAttributeValues(Map.of(":configuration", bucket.get("notificationConfiguration"),
                        ":owner", bucket.get("owner"))));
        output.write(RESPONSE);
    }
}
