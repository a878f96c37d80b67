package dev.s3notifications.notification;

/** The three kinds of notification destination, with the XML element names S3 uses for them. */
public enum DestinationType {
    TOPIC("TopicConfiguration", "Topic", "sns"),
    QUEUE("QueueConfiguration", "Queue", "sqs"),
    // The XML name of a Lambda destination is still the 2014 "CloudFunction".
    FUNCTION("CloudFunctionConfiguration", "CloudFunction", "lambda");

    private final String elementName;
    private final String arnElementName;
    private final String arnService;

    DestinationType(String elementName, String arnElementName, String arnService) {
        this.elementName = elementName;
        this.arnElementName = arnElementName;
        this.arnService = arnService;
    }

    /** The configuration element, e.g. {@code TopicConfiguration}. */
    public String elementName() {
        return elementName;
    }

    /** The element that holds the destination ARN, e.g. {@code Topic}; also the error's {@code ArgumentName}. */
    public String arnElementName() {
        return arnElementName;
    }

    /** The service in the destination's ARN, e.g. {@code sns}. */
    public String arnService() {
        return arnService;
    }
}
