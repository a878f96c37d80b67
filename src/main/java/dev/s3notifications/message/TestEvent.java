package dev.s3notifications.message;

import dev.s3notifications.store.Bucket;
import java.time.Instant;

/**
 * The {@code s3:TestEvent} message S3 sends to a topic or queue to prove it can deliver there.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">Event message structure</a>
 */
public record TestEvent(String bucket, Instant time, String requestId, String hostId) {

    public String toJson() {
        StringBuilder json = new StringBuilder(256).append("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":");
        JsonText.appendString(json, S3Time.format(time));
        JsonText.appendString(json.append(",\"Bucket\":"), bucket);
        JsonText.appendString(json.append(",\"RequestId\":"), requestId);
        JsonText.appendString(json.append(",\"HostId\":"), hostId);
        return json.append('}').toString();
    }
}
