package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.s3notifications.domain.Arn;
import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.DestinationConfiguration;
import dev.s3notifications.domain.DestinationType;
import dev.s3notifications.domain.FilterRule;
import dev.s3notifications.domain.NotificationConfiguration;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.event.NotificationPublisher;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Primes the fan-out function during init, where Lambda gives it a full CPU burst, so that the first batch does
 * not pay for loading and compiling the delivery path. A sample SQS batch goes through the whole path as Lambda
 * delivers it (event JSON, message reading in every form, matching, rendering, response JSON) over an in-memory
 * bucket whose configurations name topics that cannot exist, through the function's real publisher: SNS refuses
 * the {@code Publish} and the {@code PublishBatch}, so nothing is published, but the SDK's credentials, signing,
 * HTTP and query-protocol code is loaded. One read of a bucket that cannot exist goes to the real table. The
 * sample bucket and topics belong to the documentation's example account (123456789012), never to a real caller.
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
            JsonLog.info("primed at init", "refusedMessages", Integer.toString(failed),
                    "millis", Long.toString((System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            JsonLog.error("priming at init failed", e);
        }
    }

    /** Runs the sample batch; returns how many of its messages failed (all of them, as SNS refuses the topics). */
    int prime() {
        realStore.find(IMPOSSIBLE_BUCKET);

        String region = settings.region();
        String topicPrefix = "arn:" + Arn.partitionOf(region) + ":sns:" + region + ":" + Settings.DEFAULT_ACCOUNT + ":"
                + IMPOSSIBLE_TOPIC;
        Bucket bucket = new Bucket(BUCKET, Settings.DEFAULT_ACCOUNT, region, Instant.parse("2026-01-01T00:00:00Z"));
        SandboxBucketStore sandbox = new SandboxBucketStore();
        sandbox.create(bucket);
        sandbox.putNotificationConfiguration(bucket, new NotificationConfigurationValidator().validate(
                new NotificationConfiguration(List.of(
                        topic("batched", topicPrefix + "batched", "s3:ObjectCreated:*", "batch/", ".bin"),
                        topic("single", topicPrefix + "single", "s3:ObjectRemoved:*", "single/", "")), false), region));
        ObjectEventHandler handler = new ObjectEventHandler(Wiring.fanOut(settings, sandbox, realPublisher));

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

    private static DestinationConfiguration topic(String id, String arn, String event, String prefix, String suffix) {
        return new DestinationConfiguration(DestinationType.TOPIC, id, arn, List.of(event),
                List.of(new FilterRule(FilterRule.PREFIX, prefix), new FilterRule(FilterRule.SUFFIX, suffix)), null);
    }

    /** One SQS record as Lambda's event source mapping delivers it. */
    private static String message(String id, String body) {
        StringBuilder json = new StringBuilder("{\"messageId\":\"priming-").append(id)
                .append("\",\"receiptHandle\":\"priming\",\"body\":");
        dev.s3notifications.domain.JsonText.appendString(json, body);
        return json.append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},")
                .append("\"md5OfBody\":\"\",\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:priming\",")
                .append("\"awsRegion\":\"us-east-1\"}").toString();
    }
}
