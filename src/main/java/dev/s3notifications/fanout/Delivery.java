package dev.s3notifications.fanout;

import java.time.Instant;

/**
 * One message the fan-out delivers: for one event of a queue message, to one destination. Topics, queues and
 * functions get S3's event message; the EventBridge bus gets the event as S3 puts it on EventBridge.
 */
public sealed interface Delivery {

    Destination destination();

    /** What is delivered: S3's event message, or an EventBridge event's {@code detail}. */
    String message();

    /** The {@code X-Amzn-Trace-Id} of the request that caused the event, or null. */
    String traceHeader();

    /** Which queue message, which of its events and which configuration this delivers. */
    Origin origin();

    /**
     * @param messageId       the id of the queue message the event came in, which fails if this is not delivered
     * @param eventIndex      the event's position among the message's events (a message may carry several)
     * @param configurationId the Id of the configuration the event matched; null for EventBridge, which has none
     * @param bucket          the bucket of the event, whose destination this is
     * @param eventTime       when the event happened, so that metrics can tell how late it is delivered
     */
    record Origin(String messageId, int eventIndex, String configurationId, String bucket, Instant eventTime) {
    }

    /** S3's event message, {@code {"Records":[one record]}}, for a topic, a queue or a function. */
    record EventMessage(Destination destination, String message, String traceHeader, Origin origin)
            implements Delivery {
    }

    /**
     * An event for the EventBridge bus: its {@code detail-type} and {@code detail}, its {@code time} (S3's event time,
     * which EventBridge keeps to the second) and its one resource, the bucket's ARN.
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html">EventBridge event message structure</a>
     */
    record BusEvent(Destination destination, String detailType, String message, Instant time, String resource,
            String traceHeader, Origin origin) implements Delivery {
    }
}
