package dev.s3notifications.xml;

import dev.s3notifications.message.S3Time;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /{bucket}?notification-health}, our addition to S3's API: each destination of the bucket's configuration
 * and how deliveries to it have gone. Not an S3 document, so it is in no namespace.
 * <pre>{@code
 * <NotificationHealth><Destination><Type>Queue</Type><Arn>arn:aws:sqs:…</Arn><ConfigurationId>uploads</ConfigurationId>
 * <Delivered>120</Delivered><Failed>3</Failed><LastSuccess>…</LastSuccess><LastFailure>…</LastFailure>
 * <LastFailureCode>AWS.SimpleQueueService.NonExistentQueue</LastFailureCode><LastFailureMessage>…</LastFailureMessage>
 * <FailingSince>…</FailingSince></Destination></NotificationHealth>
 * }</pre>
 */
public final class NotificationHealthXml {
    public static final String ROOT = "NotificationHealth";

    /**
     * One destination's record; {@code delivered} and what follows are null when nothing was recorded yet.
     *
     * @param type the destination's kind as configurations name it: Topic, Queue, CloudFunction, or EventBridge
     */
    public record Row(String type, String arn, List<String> configurationIds, Long delivered, Long failed,
            Instant lastSuccess, Instant lastFailure, String lastFailureCode, String lastFailureMessage,
            Instant failingSince) {
    }

    private NotificationHealthXml() {
    }

    public static String write(List<Row> rows) {
        return S3Xml.write(xml -> {
            xml.start(ROOT);
            for (Row row : rows) {
                xml.start("Destination").element("Type", row.type()).element("Arn", row.arn());
                for (String id : row.configurationIds()) {
                    xml.element("ConfigurationId", id);
                }
                xml.element("Delivered", text(row.delivered())).element("Failed", text(row.failed()))
                        .element("LastSuccess", text(row.lastSuccess())).element("LastFailure", text(row.lastFailure()))
                        .element("LastFailureCode", row.lastFailureCode())
                        .element("LastFailureMessage", row.lastFailureMessage())
                        .element("FailingSince", text(row.failingSince())).end();
            }
            xml.end();
        });
    }

    /** Times as S3 writes them (milliseconds, UTC), counts as decimal numbers. */
    private static String text(Object value) {
        return value == null ? null : value instanceof Instant time ? S3Time.format(time) : value.toString();
    }
}
