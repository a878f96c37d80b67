package dev.s3notifications.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.domain.AccessKey;
import dev.s3notifications.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamoDbAccessKeyStoreIT {
    private static DynamoDbAccessKeyStore store;

    @BeforeAll
    static void createTable() {
        var client = DynamoDbLocal.shared().client();
        String table = "access-keys-" + UUID.randomUUID();
        DynamoDbAccessKeyStore.createTable(client, table);
        store = new DynamoDbAccessKeyStore(client, table);
    }

    private static AccessKey newKey(String account) {
        String id = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        return new AccessKey(id, "secret-" + id, account, "arn:aws:iam::" + account + ":user/alice", true);
    }

    @Test
    void createsFindsDisablesEnablesAndDeletesAKey() {
        AccessKey key = newKey("123456789012");
        assertThat(store.find(key.accessKeyId())).isEmpty();
        assertThat(store.create(key, Instant.now())).isTrue();
        assertThat(store.find(key.accessKeyId())).contains(key);

        assertThat(store.setEnabled(key.accessKeyId(), false)).isTrue();
        assertThat(store.find(key.accessKeyId()).orElseThrow().enabled()).isFalse();
        assertThat(store.setEnabled(key.accessKeyId(), true)).isTrue();
        assertThat(store.find(key.accessKeyId())).contains(key);

        assertThat(store.delete(key.accessKeyId())).isTrue();
        assertThat(store.find(key.accessKeyId())).isEmpty();
        assertThat(store.delete(key.accessKeyId())).isFalse();
        assertThat(store.setEnabled(key.accessKeyId(), true)).as("no key appears by enabling it").isFalse();
        assertThat(store.find(key.accessKeyId())).isEmpty();
    }

    @Test
    void neverOverwritesAnExistingKey() {
        AccessKey key = newKey("123456789012");
        store.create(key, Instant.now());
        AccessKey impostor = new AccessKey(key.accessKeyId(), "other-secret", "210987654321",
                "arn:aws:iam::210987654321:root", true);
        assertThat(store.create(impostor, Instant.now())).isFalse();
        assertThat(store.find(key.accessKeyId())).contains(key);
    }

    @Test
    void listsKeysByAccountThenId() {
        AccessKey later = newKey("999999999998");
        AccessKey first = newKey("999999999997");
        store.create(later, Instant.now());
        store.create(first, Instant.now());
        assertThat(store.list()).containsSubsequence(first, later);
    }
}
