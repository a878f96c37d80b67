package dev.s3notifications.api;

import dev.s3notifications.authorization.BucketAction;
import dev.s3notifications.json.BucketPolicyJson;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PUT}, {@code GET} and {@code DELETE /{bucket}?policy}: the bucket policy that grants other accounts access.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html">PutBucketPolicy</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html">GetBucketPolicy</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html">DeleteBucketPolicy</a>
 */
final class PolicyOperations {
    private final BucketStore store;
    private final BucketLookup access;
    private final int maxBodyBytes;

    PolicyOperations(BucketStore store, int maxBodyBytes) {
        this.store = store;
        this.access = new BucketLookup(store);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Stores the policy in S3's form, replacing any; answers 204 as S3 does. */
    S3Response put(S3Request request) {
        Bucket bucket = access.authorize(request, BucketAction.PUT_BUCKET_POLICY).bucket();
        if (request.body().length > maxBodyBytes) {
            throw new S3Exception(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        RequestIntegrity.verify(request);
        BucketPolicyJson.Document document = BucketPolicyJson.read(request.body(), bucket.name());
        if (!store.putPolicy(bucket, document.storedText())) {
            throw S3Exception.noSuchBucket(bucket.name()); // deleted while we were reading the policy
        }
        return noContent();
    }

    S3Response get(S3Request request) {
        BucketState state = access.authorize(request, BucketAction.GET_BUCKET_POLICY);
        if (state.policy() == null) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET_POLICY, S3Error.NO_SUCH_BUCKET_POLICY.defaultMessage(),
                    Map.of("BucketName", state.bucket().name()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new S3Response(200, headers, state.policy());
    }

    /** Deleting a policy that does not exist succeeds, as on S3. */
    S3Response delete(S3Request request) {
        Bucket bucket = access.authorize(request, BucketAction.DELETE_BUCKET_POLICY).bucket();
        if (!store.deletePolicy(bucket)) {
            throw S3Exception.noSuchBucket(bucket.name());
        }
        return noContent();
    }

    private static S3Response noContent() {
        return new S3Response(204, new LinkedHashMap<>(), "");
    }
}
