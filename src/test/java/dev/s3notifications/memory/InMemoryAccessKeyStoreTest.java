package dev.s3notifications.memory;

import dev.s3notifications.store.AccessKeyRegistry;
import dev.s3notifications.store.AccessKeyRegistryContract;

class InMemoryAccessKeyStoreTest extends AccessKeyRegistryContract {
    private final InMemoryAccessKeyStore store = new InMemoryAccessKeyStore();

    @Override
    protected AccessKeyRegistry store() {
        return store;
    }
}
