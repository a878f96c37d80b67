package dev.s3notifications.authorization;

/**
 * What a bucket policy says about one request, in IAM's terms: an explicit deny wins over any allow, and no
 * applicable statement at all is an implicit deny.
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html">Policy evaluation logic</a>
 */
public enum PolicyDecision {
    EXPLICIT_DENY, ALLOW, IMPLICIT_DENY
}
