package dev.s3notifications.authorization;

import java.util.List;

/**
 * A bucket policy: the statements of the document stored with the bucket.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html">Bucket policies</a>
 */
public record BucketPolicy(List<PolicyStatement> statements) {

    public BucketPolicy {
        statements = List.copyOf(statements);
    }

    /**
     * An explicit {@code Deny} wins, then an {@code Allow}, else nothing applies. Conditions are not evaluated, and a
     * statement with one is read the safe way: a conditional {@code Deny} always applies, a conditional {@code Allow}
     * never does. This never grants more than S3 would, at the price of denying some requests S3 would allow.
     */
    public PolicyDecision evaluate(Caller caller, String action, String resource) {
        boolean allowed = false;
        for (PolicyStatement statement : statements) {
            if (!statement.covers(caller, action, resource)) {
                continue;
            }
            if (statement.effect() == PolicyStatement.Effect.DENY) {
                return PolicyDecision.EXPLICIT_DENY;
            }
            allowed |= !statement.conditional();
        }
        return allowed ? PolicyDecision.ALLOW : PolicyDecision.IMPLICIT_DENY;
    }
}
