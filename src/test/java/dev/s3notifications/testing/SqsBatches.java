package dev.s3notifications.testing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fan-out function's events, as Lambda's SQS event source mapping hands a batch over (one message per body, from
 * {@code aws:sqs}, with its receive count), and what its answers name; and the S3 message of the PUT the fan-out
 * integration tests send.
 */
public final class SqsBatches {
    private SqsBatches() {
    }

    /** Messages {@code message-0}, {@code message-1}, ..., each received once. */
    public static SQSEvent batch(String... bodies) {
        return batch(1, bodies);
    }

    /** Messages {@code message-0}, {@code message-1}, ..., each handed out {@code receiveCount} times so far. */
    public static SQSEvent batch(int receiveCount, String... bodies) {
        return batch("message-", receiveCount, List.of(bodies));
    }

    /** Messages {@code <idPrefix>0}, {@code <idPrefix>1}, ..., each handed out {@code receiveCount} times so far. */
    public static SQSEvent batch(String idPrefix, int receiveCount, List<String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(idPrefix + i);
            message.setBody(bodies.get(i));
            message.setEventSource("aws:sqs");
            message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** The ids of the messages the function reported failed, in its order. */
    public static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /**
     * The message S3 sends, byte for byte, for the PUT of "photos 2026/red flower+@=é.jpg" (2048 bytes, at
     * 2026-11-22T10:15:30.123Z) under configuration {@code configurationId}; {@code versionId} null for an unversioned
     * bucket.
     */
    public static String redFlowerMessage(String configurationId, String bucketName, String ownerPrincipalId,
            String versionId) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-11-22T10:15:30.123Z\",\"eventName\":\"ObjectCreated:Put\","
                + "\"userIdentity\":{\"principalId\":\"AWS:AIDAJDPLRKLG7UEXAMPLE\"},"
                + "\"requestParameters\":{\"sourceIPAddress\":\"203.0.113.7\"},"
                + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\","
                + "\"x-amz-id-2\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD\"},"
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"" + configurationId + "\","
                + "\"bucket\":{\"name\":\"" + bucketName + "\",\"ownerIdentity\":{\"principalId\":\"" + ownerPrincipalId
                + "\"},\"arn\":\"arn:aws:s3:::" + bucketName + "\"},"
                + "\"object\":{\"key\":\"photos+2026/red+flower%2B%40%3D%C3%A9.jpg\",\"size\":2048,"
                + "\"eTag\":\"9b2cf535f27731c974343645a3985328\","
                + (versionId == null ? "" : "\"versionId\":\"" + versionId + "\",")
                + "\"sequencer\":\"0062E99A88DC407460\"}}}]}";
    }
}
