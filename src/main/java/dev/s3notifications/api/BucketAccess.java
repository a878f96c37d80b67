package dev.s3notifications.api;

import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.BucketStore;
import java.util.Map;

/**
 * Finds the bucket a request addresses and checks that the caller may act on it: only its owner may (bucket
 * policies are not supported yet), and {@code x-amz-expected-bucket-owner}, when sent, must name the owner.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html">Bucket owner condition</a>
 */
final class BucketAccess {
    static final String EXPECTED_OWNER_HEADER = "x-amz-expected-bucket-owner";

    private final BucketStore store;

    BucketAccess(BucketStore store) {
        this.store = store;
    }

    BucketState requireOwned(S3Request request) {
        String expectedOwner = request.header(EXPECTED_OWNER_HEADER);
        if (expectedOwner != null && !expectedOwner.matches("[0-9]{12}")) {
            throw new S3Exception(S3Error.INVALID_BUCKET_OWNER_ACCOUNT_ID,
                    S3Error.INVALID_BUCKET_OWNER_ACCOUNT_ID.defaultMessage() + " [" + expectedOwner + "]");
        }
        BucketState state = store.find(request.bucket()).orElseThrow(() -> S3Exception.noSuchBucket(request.bucket()));
        String owner = state.bucket().ownerAccountId();
        if ((expectedOwner != null && !expectedOwner.equals(owner)) || !owner.equals(request.callerAccountId())) {
            throw new S3Exception(S3Error.ACCESS_DENIED, S3Error.ACCESS_DENIED.defaultMessage(), Map.of());
        }
        return state;
    }
}
