package dev.s3notifications.authorization;

/** A bucket policy document S3 would refuse; the message is S3's. */
public final class MalformedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(String message) {
        super(message);
    }
}
