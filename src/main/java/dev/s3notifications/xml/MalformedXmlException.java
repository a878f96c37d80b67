package dev.s3notifications.xml;

/** A request body that is not well-formed XML, or not of the shape S3's schema defines. */
public final class MalformedXmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedXmlException(String detail) {
        super(detail);
    }

    public MalformedXmlException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
