package dev.s3notifications.testing;

import dev.s3notifications.api.Authenticator;
import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.authorization.Caller;

/**
 * For tests of routing, validation and authorization: the caller is whoever the test put in the request (as
 * {@link S3Requests} does), and a request without one is anonymous. Signatures have their own tests.
 */
public final class GivenCallerAuthenticator implements Authenticator {

    @Override
    public Caller authenticate(S3Request request) {
        if (request.caller() == null) {
            throw new S3Exception(S3Error.ACCESS_DENIED);
        }
        return request.caller();
    }
}
