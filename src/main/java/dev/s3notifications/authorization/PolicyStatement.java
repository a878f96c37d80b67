package dev.s3notifications.authorization;

import java.util.List;

/**
 * One statement of a bucket policy. {@code not*} flags mean the statement was written with {@code NotPrincipal},
 * {@code NotAction} or {@code NotResource}: it then applies to everything the list does not name.
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html">Policy elements</a>
 *
 * @param actions     action names such as {@code s3:GetBucketNotification}, wildcards allowed, compared ignoring case
 * @param resources   ARNs such as {@code arn:aws:s3:::photos}, wildcards allowed, compared with case
 * @param conditional whether the statement has a {@code Condition}; conditions are not evaluated (see
 *                    {@link BucketPolicy#evaluate})
 */
public record PolicyStatement(
        String sid, Effect effect, PolicyPrincipals principals, boolean notPrincipal,
        List<String> actions, boolean notAction, List<String> resources, boolean notResource, boolean conditional) {

    public enum Effect { ALLOW, DENY }

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /** Whether principal, action and resource all fall under this statement, conditions aside. */
    boolean covers(Caller caller, String action, String resource) {
        return principals.include(caller) != notPrincipal
                && actions.stream().anyMatch(a -> Wildcard.matches(a, action, true)) != notAction
                && resources.stream().anyMatch(r -> Wildcard.matches(r, resource, false)) != notResource;
    }
}
