package dev.s3notifications.store;

import java.util.Optional;

/** Where access keys are looked up when a request's signature is verified. */
public interface AccessKeyStore {

    /** The key with this id, enabled or not; empty when there is none. */
    Optional<AccessKey> find(String accessKeyId);
}
