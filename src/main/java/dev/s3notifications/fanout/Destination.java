package dev.s3notifications.fanout;

import dev.s3notifications.notification.DestinationConfiguration;

/**
 * Where the fan-out delivers: an SNS topic, an SQS queue or a Lambda function, by ARN, or an EventBridge event bus,
 * by name or ARN.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html#supported-notification-destinations">Supported destinations</a>
 */
public record Destination(Kind kind, String address) {

    /** The kinds of destination S3 delivers to. */
    public enum Kind {
        TOPIC("sns"), QUEUE("sqs"), FUNCTION("lambda"), EVENT_BUS("events");

        private final String service;

        Kind(String service) {
            this.service = service;
        }

        /** The AWS service that receives it, as ARNs and endpoints name it: {@code sns}, {@code sqs}, ... */
        public String service() {
            return service;
        }
    }

    /** The topic, queue or function a configuration names. */
    public static Destination of(DestinationConfiguration configuration) {
        Kind kind = switch (configuration.type()) {
            case TOPIC -> Kind.TOPIC;
            case QUEUE -> Kind.QUEUE;
            case FUNCTION -> Kind.FUNCTION;
        };
        return new Destination(kind, configuration.arn());
    }

    /** The destination as one word: its service and address, e.g. {@code sqs arn:aws:sqs:us-east-1:123456789012:q}. */
    @Override
    public String toString() {
        return kind.service + " " + address;
    }
}
