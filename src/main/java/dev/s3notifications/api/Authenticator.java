package dev.s3notifications.api;

import dev.s3notifications.authorization.Caller;

/**
 * Proves who sent a request, before anything else is done with it. Implementations throw {@link S3Exception} with
 * S3's authentication errors ({@code AccessDenied} for an anonymous request, {@code InvalidAccessKeyId},
 * {@code SignatureDoesNotMatch}, ...), which the router answers like any other S3 error.
 */
public interface Authenticator {

    Caller authenticate(S3Request request);
}
