package dev.s3notifications.api;

import dev.s3notifications.authorization.BucketAccessDecision;
import dev.s3notifications.authorization.BucketAction;
import dev.s3notifications.authorization.BucketPolicy;
import dev.s3notifications.json.BucketPolicyJson;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.util.Map;

/**
 * Finds the bucket a request addresses and checks that the caller may perform the action on it: the owner's account
 * may, unless the bucket policy denies it; other accounts only as the policy grants; and
 * {@code x-amz-expected-bucket-owner}, when sent, must name the owner.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html">Bucket owner condition</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html">Bucket policies</a>
 */
final class BucketLookup {
    static final String EXPECTED_OWNER_HEADER = "x-amz-expected-bucket-owner";

    private final BucketStore store;

    BucketLookup(BucketStore store) {
        this.store = store;
    }

    BucketState authorize(S3Request request, BucketAction action) {
        String expectedOwner = request.header(EXPECTED_OWNER_HEADER);
        if (expectedOwner != null && !expectedOwner.matches("[0-9]{12}")) {
            throw new S3Exception(S3Error.INVALID_BUCKET_OWNER_ACCOUNT_ID,
                    S3Error.INVALID_BUCKET_OWNER_ACCOUNT_ID.defaultMessage() + " [" + expectedOwner + "]");
        }
        BucketState state = store.find(request.bucket()).orElseThrow(() -> S3Exception.noSuchBucket(request.bucket()));
        Bucket bucket = state.bucket();
        BucketPolicy policy = state.policy() == null ? null : BucketPolicyJson.readStored(state.policy(), bucket.name());
        BucketAccessDecision decision = BucketAccessDecision.decide(request.caller(), action, bucket.ownerAccountId(),
                bucket.arn(), policy);
        if (!decision.allowed()) {
            JsonLog.info("access denied", "requestId", request.requestId(), "bucket", bucket.name(),
                    "action", action.iamName(), "accountId", request.caller().accountId(),
                    "principalArn", request.caller().principalArn(), "decision", decision.name());
            if (decision == BucketAccessDecision.OWNER_ACCOUNT_ONLY) {
                throw S3Exception.withDetails(S3Error.METHOD_NOT_ALLOWED, S3Error.METHOD_NOT_ALLOWED.defaultMessage(),
                        "Method", request.method(), "ResourceType", "POLICY");
            }
            throw accessDenied();
        }
        if (expectedOwner != null && !expectedOwner.equals(bucket.ownerAccountId())) {
            throw accessDenied();
        }
        return state;
    }

    private static S3Exception accessDenied() {
        return new S3Exception(S3Error.ACCESS_DENIED, S3Error.ACCESS_DENIED.defaultMessage(), Map.of());
    }
}
