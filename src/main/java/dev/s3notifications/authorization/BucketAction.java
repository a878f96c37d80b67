package dev.s3notifications.authorization;

/**
 * The bucket operations this API serves, by the IAM action that authorizes each.
 * <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html">Actions defined by Amazon S3</a>
 */
public enum BucketAction {
    LIST_BUCKET("s3:ListBucket"), // HeadBucket
    DELETE_BUCKET("s3:DeleteBucket"),
    GET_BUCKET_LOCATION("s3:GetBucketLocation"),
    GET_BUCKET_NOTIFICATION("s3:GetBucketNotification"),
    PUT_BUCKET_NOTIFICATION("s3:PutBucketNotification"),
    GET_BUCKET_POLICY("s3:GetBucketPolicy"),
    PUT_BUCKET_POLICY("s3:PutBucketPolicy"),
    DELETE_BUCKET_POLICY("s3:DeleteBucketPolicy");

    private final String iamName;

    BucketAction(String iamName) {
        this.iamName = iamName;
    }

    public String iamName() {
        return iamName;
    }

    /** Get, Put and DeleteBucketPolicy: only the owner's account may perform them, whatever a policy grants. */
    public boolean managesPolicy() {
        return this == GET_BUCKET_POLICY || this == PUT_BUCKET_POLICY || this == DELETE_BUCKET_POLICY;
    }
}
