package dev.s3notifications.wiring;

import static dev.s3notifications.testing.Destinations.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.api.S3Response;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.reliability.FaultProxy.Fault;
import dev.s3notifications.reliability.FaultProxy;
import dev.s3notifications.reliability.ResettingProxy;
import dev.s3notifications.reliability.SilentEndpoint;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.DependencyUnavailableException;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.S3ErrorDocument;
import dev.s3notifications.testing.S3Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SDK clients the functions build ({@link AwsClients}), against the emulators behind proxies that reset
 * connections (an RST as soon as the connection is accepted, before the request is written, as an overloaded load
 * balancer does) or drop them without an answer: each must be retried like any other I/O failure, and when the
 * service stays unreachable the functions must say "unavailable" (503, a batch item failure), never fail as if
 * they had a bug (500 InternalError, a whole failed batch).
 */
class AwsClientsIT {
    private static final String ACCOUNT = "123456789012";
    private static String table;
    private static DynamoDbClient directDynamoDb;
    private static SnsClient directSns;
    private ResettingProxy dynamoDbResets;
    private ResettingProxy snsResets;
    private Settings settings;

    @BeforeAll
    static void emulators() {
        AwsTestClients.defaultChainCredentials(); // the functions' clients use the default credentials chain
        table = "buckets-" + UUID.randomUUID();
        directDynamoDb = AwsTestClients.dynamoDb(MotoServer.shared().endpoint());
        DynamoDbTables.createBuckets(directDynamoDb, table);
        directSns = AwsTestClients.sns(MotoServer.shared().endpoint());
    }

    private FaultProxy dynamoDbConnectionCloser;
    private FaultProxy snsConnectionCloser;

    @BeforeEach
    void proxies() {
        // Behind the resetting proxies, fault proxies without faults that ask for Connection: close, so that every
        // request opens a new connection (HttpURLConnection keeps connections alive across clients).
        dynamoDbConnectionCloser = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.DYNAMODB, 1)
                .closeConnections(true);
        snsConnectionCloser = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.SNS, 2).closeConnections(true);
        dynamoDbResets = ResettingProxy.start(dynamoDbConnectionCloser.endpoint());
        snsResets = ResettingProxy.start(snsConnectionCloser.endpoint());
        settings = settings(dynamoDbResets.endpoint().toString(), snsResets.endpoint().toString());
    }

    @AfterEach
    void stopProxies() {
        dynamoDbResets.close();
        snsResets.close();
        dynamoDbConnectionCloser.close();
        snsConnectionCloser.close();
    }

    private static Settings settings(String dynamoDbEndpoint, String snsEndpoint) {
        return Settings.from(Map.of("AWS_REGION", "us-east-1", "BUCKETS_TABLE", table,
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint, "AWS_ENDPOINT_URL_SNS", snsEndpoint,
                "CONFIGURATION_CACHE_TTL_SECONDS", "0", "UNSIGNED_REQUESTS_ACCOUNT_ID", ACCOUNT));
    }

    private static Bucket bucket() {
        Bucket bucket = new Bucket("b-" + UUID.randomUUID().toString().substring(0, 8), ACCOUNT, "us-east-1", Instant.now());
        new DynamoDbBucketStore(directDynamoDb, table).create(bucket);
        return bucket;
    }

    // Where a reset surfaces depends on a race (while connecting, writing the request or waiting for the answer),
    // and only some of those places used to escape the SDK's retries (about a third of the attempts here); so each
    // case is tried several times. A call that gives up has already made up to 9 attempts (DynamoDB) or 12 (SNS,
    // the SDK's and the publisher's retries), so fewer repetitions of those suffice.
    private static final int TIMES = 8;
    private static final int GIVING_UP_TIMES = 3;

    @Test
    void resetDynamoDbConnectionsAreRetried() {
        Bucket bucket = bucket();
        try (DynamoDbClient client = AwsClients.dynamoDb(settings)) {
            for (int i = 0; i < TIMES; i++) {
                dynamoDbResets.resetNext(2);
                assertThat(new DynamoDbBucketStore(client, table).find(bucket.name())).isPresent();
            }
        }
        assertThat(dynamoDbResets.resets()).isEqualTo(2 * TIMES);
    }

    @Test
    void resetSnsConnectionsAreRetried() {
        String topic = directSns.createTopic(b -> b.name("t-" + UUID.randomUUID())).topicArn();
        try (SnsClient client = AwsClients.sns(settings)) {
            for (int i = 0; i < TIMES; i++) {
                snsResets.resetNext(2);
                assertThat(client.publish(b -> b.topicArn(topic).message("m")).messageId()).isNotBlank();
            }
        }
        assertThat(snsResets.resets()).isEqualTo(2 * TIMES);
    }

    @Test
    void aConnectionDroppedWithoutAnAnswerIsRetried() {
        Bucket bucket = bucket();
        try (FaultProxy drops = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.DYNAMODB, 1);
             DynamoDbClient client = AwsClients.dynamoDb(settings(drops.endpoint().toString(), "http://127.0.0.1:1"))) {
            AtomicInteger getItems = new AtomicInteger();
            Predicate<FaultProxy.Request> firstGetItem = r -> r.operation().equals("GetItem") && getItems.getAndIncrement() == 0;
            drops.inject(1.0, EnumSet.of(Fault.DROP), firstGetItem);
            assertThat(new DynamoDbBucketStore(client, table).find(bucket.name())).isPresent();
            assertThat(drops.stats().faults().get(Fault.DROP)).isEqualTo(1);
        }
    }

    @Test
    void whenDynamoDbResetsEveryConnectionTheStoreIsUnavailable() {
        Bucket bucket = bucket();
        dynamoDbResets.resetAll(true);
        try (DynamoDbClient client = AwsClients.dynamoDb(settings)) {
            for (int i = 0; i < GIVING_UP_TIMES; i++) {
                assertThatThrownBy(() -> new DynamoDbBucketStore(client, table).find(bucket.name()))
                        .isInstanceOf(DependencyUnavailableException.class);
            }
        }
    }

    @Test
    void whenDynamoDbResetsEveryConnectionTheApiAnswersServiceUnavailable() {
        Bucket bucket = bucket();
        dynamoDbResets.resetAll(true);
        var api = Wiring.api(settings);

        for (int i = 0; i < GIVING_UP_TIMES; i++) {
            S3Response response = api.handle(S3Requests.getNotification(bucket.name()).build());
            assertThat(S3ErrorDocument.of(response).code()).isEqualTo("ServiceUnavailable");
            assertThat(response.status()).isEqualTo(503);
        }
    }

    @Test
    void whenSnsResetsEveryConnectionTheFanOutReportsTheMessageAsABatchItemFailure() {
        Bucket bucket = bucket();
        String topic = directSns.createTopic(b -> b.name("t-" + UUID.randomUUID())).topicArn();
        new DynamoDbBucketStore(directDynamoDb, table).putNotificationConfiguration(bucket, new NotificationConfiguration(
                List.of(topic("all", topic, null, null, "s3:ObjectCreated:*")), false));
        snsResets.resetAll(true);
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m1");
        message.setBody("""
                {"eventName":"s3:ObjectCreated:Put","bucket":"%s","key":"a.jpg","size":1,"eTag":"abc","sequencer":"0A",
                 "eventTime":"2026-11-22T10:15:30.123Z","requesterPrincipalId":"AWS:AIDA","sourceIpAddress":"203.0.113.7",
                 "requestId":"REQ","hostId":"HOST"}""".formatted(bucket.name()));
        event.setRecords(List.of(message));

        var handler = new FanOutHandler(settings);

        for (int i = 0; i < GIVING_UP_TIMES; i++) {
            SQSBatchResponse response = handler.handleRequest(event, null);
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly("m1");
        }
    }

    /**
     * A DynamoDB that accepts connections and never answers: without a socket timeout each attempt would wait 30 s
     * (9 attempts), far past the API function's 29 s, and the caller would get API Gateway's error instead of S3's.
     * With the clients' timeouts the API answers 503 ServiceUnavailable after several attempts; the bound checked
     * is API Gateway's limit, not a performance target.
     */
    @Test
    void whenDynamoDbNeverAnswersTheApiAnswersServiceUnavailableBeforeApiGatewayGivesUp() throws Exception {
        Bucket bucket = bucket();
        try (SilentEndpoint silent = SilentEndpoint.start()) {
            var api = Wiring.api(settings(silent.endpoint().toString(), "http://127.0.0.1:1"));

            S3Response response = assertTimeoutPreemptively(Duration.ofSeconds(29),
                    () -> api.handle(S3Requests.getNotification(bucket.name()).build()));

            assertThat(response.status()).isEqualTo(503);
            assertThat(S3ErrorDocument.of(response).code()).isEqualTo("ServiceUnavailable");
            assertThat(silent.accepted()).as("attempts, each ended by the socket timeout and retried").isGreaterThan(1);
        }
    }
}
