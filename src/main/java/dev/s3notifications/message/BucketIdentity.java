package dev.s3notifications.message;

import dev.s3notifications.store.Bucket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a record says about the bucket: its name, region ({@code awsRegion}), ARN, and the owner's
 * {@code ownerIdentity.principalId}. S3 writes there an opaque id of the owner's account that looks like
 * {@code A3NL1KOZZKExample}: "A" and 13 more upper-case letters and digits. Ours is derived from the owner's
 * account id (SHA-256, then base 36), so it is the same for every bucket of an account and never changes.
 */
public record BucketIdentity(String name, String region, String arn, String ownerPrincipalId) {
    private static final char[] BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    public static BucketIdentity of(Bucket bucket) {
        return new BucketIdentity(bucket.name(), bucket.region(), bucket.arn(), ownerPrincipalId(bucket.ownerAccountId()));
    }

    /** The bucket owner's principal id in event records, for an account id. */
    public static String ownerPrincipalId(String accountId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest(("s3-bucket-owner:" + accountId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        char[] id = new char[14];
        id[0] = 'A';
        for (int i = 1; i < id.length; i++) {
            id[i] = BASE36[(digest[i] & 0xFF) % 36];
        }
        return new String(id);
    }
}
