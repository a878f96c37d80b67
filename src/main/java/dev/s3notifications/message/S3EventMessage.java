package dev.s3notifications.message;

import dev.s3notifications.notification.EventType;

/**
 * The message S3 publishes for one event and one matching configuration: {@code {"Records":[record]}}, the
 * record's fields in S3's order, written by hand (the shape is fixed, and this runs once per delivery).
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">Event message structure</a>
 */
public final class S3EventMessage {
    private S3EventMessage() {
    }

    /**
     * @param encodedKey the event's key as {@link ObjectKeys#encode} writes it (the caller has it already, from
     *                   matching)
     */
    public static String render(ObjectEvent event, String encodedKey, BucketIdentity bucket, String configurationId) {
        StringBuilder json = new StringBuilder(640 + encodedKey.length());
        json.append("{\"Records\":[{\"eventVersion\":\"").append(RecordShape.of(event.type()).eventVersion())
                .append("\",\"eventSource\":\"aws:s3\",\"awsRegion\":");
        JsonText.appendString(json, bucket.region());
        json.append(",\"eventTime\":\"").append(S3Time.format(event.eventTime()))
                .append("\",\"eventName\":\"").append(event.type().recordName())
                .append("\",\"userIdentity\":{\"principalId\":");
        JsonText.appendString(json, event.requesterPrincipalId());
        json.append("},\"requestParameters\":{\"sourceIPAddress\":");
        JsonText.appendString(json, event.sourceIpAddress());
        json.append("},\"responseElements\":{\"x-amz-request-id\":");
        JsonText.appendString(json, event.requestId());
        json.append(",\"x-amz-id-2\":");
        JsonText.appendString(json, event.hostId());
        json.append("},\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":");
        JsonText.appendString(json, configurationId);
        json.append(",\"bucket\":{\"name\":");
        JsonText.appendString(json, bucket.name());
        json.append(",\"ownerIdentity\":{\"principalId\":");
        JsonText.appendString(json, bucket.ownerPrincipalId());
        json.append("},\"arn\":");
        JsonText.appendString(json, bucket.arn());
        // The encoded key is ASCII without quotes or backslashes (both are percent-encoded): nothing to escape.
        json.append("},\"object\":{\"key\":\"").append(encodedKey).append('"');
        if (event.size() != null) {
            json.append(",\"size\":").append(event.size().longValue());
        }
        if (event.eTag() != null) {
            JsonText.appendString(json.append(",\"eTag\":"), event.eTag());
        }
        if (event.versionId() != null) {
            JsonText.appendString(json.append(",\"versionId\":"), event.versionId());
        }
        if (event.sequencer() != null) {
            JsonText.appendString(json.append(",\"sequencer\":"), event.sequencer());
        }
        json.append("}}");
        if (event.type() == EventType.OBJECT_RESTORE_COMPLETED) { // the only record with glacierEventData
            json.append(",\"glacierEventData\":{\"restoreEventData\":{\"lifecycleRestorationExpiryTime\":\"")
                    .append(S3Time.format(event.restore().lifecycleRestorationExpiryTime()))
                    .append("\",\"lifecycleRestoreStorageClass\":");
            JsonText.appendString(json, event.restore().lifecycleRestoreStorageClass());
            json.append("}}");
        }
        return json.append("}]}").toString();
    }
}
