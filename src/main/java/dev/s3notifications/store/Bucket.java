package dev.s3notifications.store;

import dev.s3notifications.notification.Arn;
import java.time.Instant;

/** A bucket in the registry: its name, the account that owns it, its region, and when it was created. */
public record Bucket(String name, String ownerAccountId, String region, Instant creationDate) {

    /** {@code arn:aws:s3:::name}, in the bucket's partition. */
    public String arn() {
        return "arn:" + Arn.partitionOf(region) + ":s3:::" + name;
    }
}
