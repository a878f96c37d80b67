package dev.s3notifications.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An S3 error to answer with: the code, the message, and the extra elements S3 adds for it, in order. */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final S3Error error;
    private final transient Map<String, String> details;
    private String allow;

    public S3Exception(S3Error error) {
        this(error, error.defaultMessage());
    }

    public S3Exception(S3Error error, String message) {
        this(error, message, Map.of());
    }

    public S3Exception(S3Error error, String message, Map<String, String> details) {
        super(message);
        this.error = error;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An error with extra elements given as name/value pairs, kept in the order given. */
    public static S3Exception withDetails(S3Error error, String message, String... namesAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            details.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new S3Exception(error, message, details);
    }

    public static S3Exception invalidArgument(String message, String argumentName, String argumentValue) {
        return withDetails(S3Error.INVALID_ARGUMENT, message, "ArgumentName", argumentName, "ArgumentValue", argumentValue);
    }

    public static S3Exception noSuchBucket(String bucket) {
        return new S3Exception(S3Error.NO_SUCH_BUCKET, S3Error.NO_SUCH_BUCKET.defaultMessage(), Map.of("BucketName", bucket));
    }

    /** The same error, answered with an {@code Allow} header naming the methods the resource takes. */
    S3Exception allowing(String methods) {
        this.allow = methods;
        return this;
    }

    public String allow() {
        return allow;
    }

    public S3Error error() {
        return error;
    }

    /** Elements S3 puts between {@code Message} and {@code RequestId}, such as {@code BucketName}. */
    public Map<String, String> details() {
        return details;
    }
}
