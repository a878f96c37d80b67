package dev.s3notifications.authentication;

import dev.s3notifications.api.Authenticator;
import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.store.AccessKeyStore;
import java.time.Clock;
import java.util.Map;

/**
 * Authenticates S3 requests as S3 does: SigV4 in the {@code Authorization} header or in a presigned query string,
 * SigV2 in either form, each against the access keys in {@link AccessKeyStore}. API Gateway cannot do this itself:
 * its IAM authorization verifies signatures for service {@code execute-api}, and S3 clients sign for {@code s3}.
 * A request without any signature is refused with {@code AccessDenied}, unless this authenticator was explicitly
 * told to trust unsigned requests as one account (local tooling only). Every failure is logged as one JSON line
 * with the access key id, the source IP and the reason; never a secret, never a signature.
 */
public final class S3RequestAuthenticator implements Authenticator {
    private final SignatureV4 v4;
    private final SignatureV2 v2;
    private final String unsignedRequestsAccountId;

    /**
     * @param region                    the region this API serves, which SigV4 credential scopes must name
     * @param unsignedRequestsAccountId the account unsigned requests act for, or null to refuse them (production)
     */
    public S3RequestAuthenticator(AccessKeyStore keys, String region, Clock clock, String unsignedRequestsAccountId) {
        SigningKeys signingKeys = new SigningKeys(keys);
        this.v4 = new SignatureV4(signingKeys, region, clock);
        this.v2 = new SignatureV2(signingKeys, clock);
        this.unsignedRequestsAccountId = unsignedRequestsAccountId;
    }

    @Override
    public Caller authenticate(S3Request request) {
        try {
            return verify(request);
        } catch (AuthenticationFailure failure) {
            JsonLog.warn("authentication failed", "requestId", request.requestId(), "accessKeyId", failure.accessKeyId(),
                    "sourceIp", request.sourceIp(), "code", failure.answer().error().code(), "reason", failure.reason());
            throw failure.answer();
        }
    }

    private Caller verify(S3Request request) {
        String authorization = request.header("Authorization");
        boolean v4Query = request.hasQuery("X-Amz-Algorithm") || request.hasQuery("X-Amz-Credential")
                || request.hasQuery("X-Amz-Signature");
        boolean v2Query = request.hasQuery("AWSAccessKeyId") || request.hasQuery("Signature");
        if (authorization != null && (v4Query || v2Query)) {
            throw new AuthenticationFailure(S3Exception.invalidArgument("Only one auth mechanism allowed; only the"
                    + " X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header"
                    + " should be specified", "Authorization", authorization), null, "signed twice");
        }
        if (authorization != null) {
            if (authorization.startsWith(SignatureV4.ALGORITHM + " ")) {
                return v4.verifyHeader(request, authorization);
            }
            if (authorization.startsWith(SignatureV2.PREFIX)) {
                return v2.verifyHeader(request, authorization);
            }
            throw new AuthenticationFailure(S3Exception.invalidArgument("Unsupported Authorization Type",
                    "Authorization", authorization), null, "unsupported Authorization header");
        }
        if (v4Query) {
            return v4.verifyPresigned(request);
        }
        if (v2Query) {
            return v2.verifyQuery(request);
        }
        if (unsignedRequestsAccountId != null) {
            return Caller.accountRoot(unsignedRequestsAccountId);
        }
        throw new AuthenticationFailure(new S3Exception(S3Error.ACCESS_DENIED, S3Error.ACCESS_DENIED.defaultMessage(),
                Map.of()), null, "anonymous request");
    }
}
