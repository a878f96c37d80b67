package dev.s3notifications.authorization;

/**
 * Whether a caller may perform a bucket action, and why. The bucket's own account may do everything unless its
 * policy explicitly denies it (the account's root user keeps the policy operations even then, so it can never
 * lock itself out); other accounts need an {@code Allow} and no {@code Deny}.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html">Bucket policy evaluation</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html">PutBucketPolicy</a>
 */
public enum BucketAccessDecision {
    /** The caller's account owns the bucket. */
    OWNER(true),
    /** Another account, granted by the bucket policy. */
    GRANTED(true),
    /** A {@code Deny} statement of the bucket policy applies. */
    DENIED_BY_POLICY(false),
    /** Another account, and no statement grants it the action. */
    NOT_GRANTED(false),
    /**
     * Another account granted a policy operation: S3 answers 405 rather than 403, since only the owner's account may
     * read or change a bucket's policy.
     */
    OWNER_ACCOUNT_ONLY(false);

    private final boolean allowed;

    BucketAccessDecision(boolean allowed) {
        this.allowed = allowed;
    }

    public boolean allowed() {
        return allowed;
    }

    /**
     * @param ownerAccountId the account that owns the bucket
     * @param bucketArn      the bucket's ARN, the resource bucket actions act on
     * @param policy         the bucket's policy, or null when it has none
     */
    public static BucketAccessDecision decide(Caller caller, BucketAction action, String ownerAccountId, String bucketArn,
            BucketPolicy policy) {
        PolicyDecision byPolicy = policy == null ? PolicyDecision.IMPLICIT_DENY
                : policy.evaluate(caller, action.iamName(), bucketArn);
        boolean owner = caller.accountId().equals(ownerAccountId);
        if (byPolicy == PolicyDecision.EXPLICIT_DENY) {
            return owner && action.managesPolicy() && caller.isAccountRoot() ? OWNER : DENIED_BY_POLICY;
        }
        if (owner) {
            return OWNER;
        }
        if (byPolicy != PolicyDecision.ALLOW) {
            return NOT_GRANTED;
        }
        return action.managesPolicy() ? OWNER_ACCOUNT_ONLY : GRANTED;
    }
}
