package dev.s3notifications.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.aws.HttpRehearsal;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.wiring.AwsClients;
import dev.s3notifications.wiring.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DynamoDbBucketStore#getItemAnswer}, read through the function's own DynamoDB client (rehearsed: nothing
 * leaves the process) and the store's {@code find}: every state comes back as it went in.
 */
class DynamoDbBucketStoreTest {
    private static final Bucket BUCKET = new Bucket("photos", "123456789012", "eu-west-1",
            Instant.parse("2026-11-22T10:00:00.123Z"));

    @BeforeAll
    static void credentials() {
        AwsTestClients.defaultChainCredentials(); // the functions' clients use the default credentials chain
    }

    @Test
    void aBucketWithoutConfigurationOrPolicy() {
        assertRoundTrip(new BucketState(BUCKET, NotificationConfiguration.empty(), 0));
    }

    @Test
    void aBucketWithEveryKindOfDestinationAPolicyAndAVersion() {
        assertRoundTrip(new BucketState(BUCKET, new NotificationConfiguration(List.of(
                new DestinationConfiguration(DestinationType.TOPIC, "images", "arn:aws:sns:eu-west-1:123456789012:t",
                        List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"),
                        List.of(new FilterRule("Prefix", "images/"), new FilterRule("Suffix", "")), null),
                new DestinationConfiguration(DestinationType.QUEUE, "q", "arn:aws:sqs:eu-west-1:123456789012:q",
                        List.of("s3:ObjectRestore:*"), null, null),
                new DestinationConfiguration(DestinationType.FUNCTION, "fn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:f", List.of("s3:ObjectTagging:*"), null,
                        "arn:aws:iam::123456789012:role/r")), true), 3,
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
    }

    @Test
    void aBucketWhoseConfigurationWasEmptiedAgain() {
        assertRoundTrip(new BucketState(BUCKET, NotificationConfiguration.empty(), 2));
    }

    private static void assertRoundTrip(BucketState state) {
        Settings nowhere = Settings.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
        try (var dynamoDb = AwsClients.dynamoDb(nowhere)) {
            var store = new DynamoDbBucketStore(dynamoDb, nowhere.bucketsTable());
            Optional<BucketState> read = HttpRehearsal.rehearse((request, body) -> new HttpRehearsal.Answer(200,
                    "application/x-amz-json-1.0", DynamoDbBucketStore.getItemAnswer(state)), () -> store.find("photos"));
            assertThat(read).contains(state);
        }
    }
}
