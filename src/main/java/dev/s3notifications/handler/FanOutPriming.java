package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.s3notifications.aws.HttpRehearsal;
import dev.s3notifications.fanout.DeliveryListener;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.Arn;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Primes the fan-out function during init, where Lambda gives it a full CPU burst, so that the first batch does
 * not pay for loading and compiling the delivery path. A sample SQS batch goes through the whole path as Lambda
 * delivers it (event JSON, message reading in every form, matching, rendering, response JSON) twice:
 * <ol>
 * <li>over the network, against an in-memory bucket whose configurations name topics that cannot exist, through
 * the function's real publisher: SNS refuses the {@code Publish} and the {@code PublishBatch}, so nothing is
 * published, but the connections are open and the SDK's credentials, signing, HTTP and query-protocol code is
 * loaded. One read of a bucket that cannot exist goes to the real table;</li>
 * <li>as a {@linkplain HttpRehearsal rehearsal}, through the real store and publisher, whose SDK clients get
 * canned success answers instead of the network: the item read and decoded, the publishes acknowledged. These are
 * the paths of every real batch, which the refusals cannot reach.</li>
 * </ol>
 * The sample bucket and topics belong to the documentation's example account (123456789012), never to a real
 * caller.
 */
final class FanOutPriming {
    private static final String BUCKET = "fanout-priming";
    /** Two adjacent dots make it an invalid name, so no bucket can have it. */
    private static final String IMPOSSIBLE_BUCKET = "fanout..priming";
    /** SNS topic names are letters, digits, hyphens and underscores (and a ".fifo" end): SNS refuses these. */
    private static final String IMPOSSIBLE_TOPIC = "s3-notifications-priming.invalid-";
    private static final String EVENT = """
            {"eventName":"s3:ObjectCreated:Put","bucket":"%s","key":"%s","size":1024,\
            "eTag":"9b2cf535f27731c974343645a3985328","sequencer":"0062E99A88DC407460",\
            "eventTime":"2026-01-01T00:00:00.000Z","requesterPrincipalId":"AWS:AIDAPRIMINGEXAMPLE",\
            "sourceIpAddress":"127.0.0.1","requestId":"C3D13FE58DE4C810","hostId":"priming"}""";
    private static final String S3_RECORD = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"%s",\
            "eventTime":"2026-01-01T00:00:00.000Z","eventName":"ObjectRemoved:Delete",\
            "userIdentity":{"principalId":"AWS:AIDAPRIMINGEXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},\
            "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"priming"},\
            "s3":{"s3SchemaVersion":"1.0","configurationId":"priming","bucket":{"name":"%s",\
            "ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%s"},\
            "object":{"key":"single/removed+key.txt","sequencer":"0062E99A88DC407461"}}}]}""";
    private static final String CREATED_AT = "2026-01-01T00:00:00.000Z";
    /**
     * {@code GetItem}'s answer for the sample bucket, its configuration as {@code DynamoDbBucketStore} writes it
     * ({@code FanOutPrimingTest} sees no publish if the store's format moves away from this).
     */
    private static final String ITEM = """
            {"Item":{"bucket":{"S":"%s"},"owner":{"S":"%s"},"region":{"S":"%s"},"createdAt":{"S":"%s"},\
            "configurationVersion":{"N":"1"},"notificationConfiguration":{"M":{"eventBridge":{"BOOL":false},\
            "destinations":{"L":[\
            {"M":{"type":{"S":"TOPIC"},"id":{"S":"batched"},"arn":{"S":"%s"},"events":{"L":[{"S":"s3:ObjectCreated:*"}]},\
            "filterRules":{"L":[{"M":{"name":{"S":"Prefix"},"value":{"S":"batch/"}}},\
            {"M":{"name":{"S":"Suffix"},"value":{"S":".bin"}}}]}}},\
            {"M":{"type":{"S":"TOPIC"},"id":{"S":"single"},"arn":{"S":"%s"},"events":{"L":[{"S":"s3:ObjectRemoved:*"}]},\
            "filterRules":{"L":[{"M":{"name":{"S":"Prefix"},"value":{"S":"single/"}}},\
            {"M":{"name":{"S":"Suffix"},"value":{"S":""}}}]}}}]}}}}}""";
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("PublishBatchRequestEntries\\.member\\.\\d+\\.Id=(\\d+)");
    private static final String SNS_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String PUBLISH_RESPONSE = "<PublishResponse xmlns=\"" + SNS_NAMESPACE + "\"><PublishResult>"
            + "<MessageId>rehearsal</MessageId></PublishResult><ResponseMetadata><RequestId>rehearsal</RequestId>"
            + "</ResponseMetadata></PublishResponse>";
    private static final String PUBLISH_BATCH_RESPONSE = "<PublishBatchResponse xmlns=\"" + SNS_NAMESPACE + "\">"
            + "<PublishBatchResult><Successful>%s</Successful><Failed/></PublishBatchResult><ResponseMetadata>"
            + "<RequestId>rehearsal</RequestId></ResponseMetadata></PublishBatchResponse>";
    private static final String NOT_REHEARSED = "<ErrorResponse xmlns=\"" + SNS_NAMESPACE + "\"><Error><Type>Sender</Type>"
            + "<Code>InvalidParameter</Code><Message>not part of the rehearsal</Message></Error>"
            + "<RequestId>rehearsal</RequestId></ErrorResponse>";

    private final BucketStore realStore;
    private final NotificationPublisher realPublisher;
    private final Settings settings;

    FanOutPriming(BucketStore realStore, NotificationPublisher realPublisher, Settings settings) {
        this.realStore = realStore;
        this.realPublisher = realPublisher;
        this.settings = settings;
    }

    /** Primes; a failure only leaves the first batch slower, and is logged. */
    void primeAtInit() {
        long started = System.nanoTime();
        try {
            int failed = JsonLog.quietly(this::prime);
            JsonLog.info("primed at init", "failedInRehearsal", Integer.toString(failed),
                    "millis", Long.toString((System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            JsonLog.error("priming at init failed", e);
        }
    }

    /**
     * Runs the sample batch over the network and then rehearsed; returns how many of its messages failed in the
     * rehearsal (none, unless the store or publisher changed what they send or read).
     */
    int prime() {
        deliverOverTheNetwork();
        return rehearse();
    }

    /** The sample batch over the network, to topics SNS refuses (every message fails, on AWS). */
    private void deliverOverTheNetwork() {
        realStore.find(IMPOSSIBLE_BUCKET);
        Bucket bucket = new Bucket(BUCKET, Settings.DEFAULT_ACCOUNT, settings.region(), Instant.parse(CREATED_AT));
        InMemoryBucketStore sandbox = new InMemoryBucketStore();
        sandbox.create(bucket);
        sandbox.putNotificationConfiguration(bucket, sampleConfiguration());
        deliver(new FanOutHandler(Wiring.fanOut(settings, sandbox, realPublisher, DeliveryLog.NONE, DeliveryListener.NONE)));
    }

    /** The sample batch through the real store and publisher, rehearsed; returns how many messages failed. */
    int rehearse() {
        FanOutHandler handler = new FanOutHandler(Wiring.fanOut(settings, realStore, realPublisher, DeliveryLog.NONE, DeliveryListener.NONE));
        return HttpRehearsal.rehearse(this::answer, () -> deliver(handler));
    }

    /** Two topics: one gets two records of the batch ({@code PublishBatch}), the other one ({@code Publish}). */
    private NotificationConfiguration sampleConfiguration() {
        return new NotificationConfigurationValidator().validate(new NotificationConfiguration(List.of(
                topic("batched", topicArn("batched"), "s3:ObjectCreated:*", "batch/", ".bin"),
                topic("single", topicArn("single"), "s3:ObjectRemoved:*", "single/", "")), false), settings.region());
    }

    private String topicArn(String name) {
        String region = settings.region();
        return "arn:" + Arn.partitionOf(region) + ":sns:" + region + ":" + Settings.DEFAULT_ACCOUNT + ":"
                + IMPOSSIBLE_TOPIC + name;
    }

    /** Delivers the sample batch as Lambda would; returns how many of its messages failed. */
    private int deliver(FanOutHandler handler) {
        String region = settings.region();
        String batch = "{\"events\":[" + EVENT.formatted(BUCKET, "batch/a b.bin") + ","
                + EVENT.formatted(BUCKET, "batch/c+d.bin") + "]}";
        String event = """
                {"Records":[%s,%s]}""".formatted(message("1", batch), message("2", S3_RECORD.formatted(region, BUCKET, BUCKET)));
        try {
            SQSBatchResponse response = handler.handleRequest(
                    LambdaEventJson.readSqsEvent(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))), null);
            LambdaEventJson.writeSqsBatchResponse(response, new ByteArrayOutputStream());
            return response.getBatchItemFailures().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rehearsal's answers, as DynamoDB and SNS give them: the sample bucket's item (in the store's format, with
     * {@link #sampleConfiguration()}), and every entry published.
     */
    private HttpRehearsal.Answer answer(SdkHttpRequest request, String body) {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        if (target.endsWith(".GetItem")) {
            return new HttpRehearsal.Answer(200, "application/x-amz-json-1.0",
                    ITEM.formatted(BUCKET, Settings.DEFAULT_ACCOUNT, settings.region(), CREATED_AT,
                            topicArn("batched"), topicArn("single")));
        }
        if (body.contains("Action=PublishBatch&")) {
            Matcher ids = BATCH_ENTRY_ID.matcher(body);
            StringBuilder successful = new StringBuilder();
            while (ids.find()) {
                successful.append("<member><Id>").append(ids.group(1)).append("</Id><MessageId>rehearsal-")
                        .append(ids.group(1)).append("</MessageId></member>");
            }
            return new HttpRehearsal.Answer(200, "text/xml", PUBLISH_BATCH_RESPONSE.formatted(successful));
        }
        if (body.contains("Action=Publish&")) {
            return new HttpRehearsal.Answer(200, "text/xml", PUBLISH_RESPONSE);
        }
        return new HttpRehearsal.Answer(400, "text/xml", NOT_REHEARSED);
    }

    private static DestinationConfiguration topic(String id, String arn, String event, String prefix, String suffix) {
        return new DestinationConfiguration(DestinationType.TOPIC, id, arn, List.of(event),
                List.of(new FilterRule(FilterRule.PREFIX, prefix), new FilterRule(FilterRule.SUFFIX, suffix)), null);
    }

    /** One SQS record as Lambda's event source mapping delivers it. */
    private static String message(String id, String body) {
        StringBuilder json = new StringBuilder("{\"messageId\":\"priming-").append(id)
                .append("\",\"receiptHandle\":\"priming\",\"body\":");
        dev.s3notifications.message.JsonText.appendString(json, body);
        return json.append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},")
                .append("\"md5OfBody\":\"\",\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:priming\",")
                .append("\"awsRegion\":\"us-east-1\"}").toString();
    }
}
