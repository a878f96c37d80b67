package dev.s3notifications.authentication;

import dev.s3notifications.api.S3Exception;

/**
 * A request that failed authentication: S3's answer for the caller, and for the log the access key it named (if
 * any) and the reason in our words. Never carries a secret or a signature.
 */
final class AuthenticationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient S3Exception answer;
    private final String accessKeyId;

    AuthenticationFailure(S3Exception answer, String accessKeyId, String reason) {
        super(reason, null, false, false);
        this.answer = answer;
        this.accessKeyId = accessKeyId;
    }

    S3Exception answer() {
        return answer;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String reason() {
        return getMessage();
    }
}
