package dev.s3notifications.event;

/**
 * One message to publish to one topic: an S3 event message for one event and one matching configuration.
 *
 * @param sourceMessageId the id of the queue message the event came in, which fails if this is not delivered
 */
public record Notification(String topicArn, String message, String sourceMessageId) {
}
