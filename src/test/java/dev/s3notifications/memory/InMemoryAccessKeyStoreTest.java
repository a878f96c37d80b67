package dev.s3notifications.memory;

import dev.s3notifications.domain.AccessKeyRegistry;
import dev.s3notifications.domain.AccessKeyRegistryContract;

class InMemoryAccessKeyStoreTest extends AccessKeyRegistryContract {
    private final InMemoryAccessKeyStore store = new InMemoryAccessKeyStore();

    @Override
    protected AccessKeyRegistry store() {
        return store;
    }
}
