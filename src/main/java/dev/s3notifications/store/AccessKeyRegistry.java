package dev.s3notifications.store;

import java.time.Instant;
import java.util.List;

/** The access keys as an operator manages them ({@code scripts/access-keys}): lookups, and the writes besides. */
public interface AccessKeyRegistry extends AccessKeyStore {

    /** Stores a new key; false when a key with that id already exists (it is left as it was). */
    boolean create(AccessKey key, Instant createdAt);

    /** Enables or disables a key; false when there is no such key. */
    boolean setEnabled(String accessKeyId, boolean enabled);

    /** Deletes a key for good; false when there was no such key. */
    boolean delete(String accessKeyId);

    /** Every key, by account then id. */
    List<AccessKey> list();
}
