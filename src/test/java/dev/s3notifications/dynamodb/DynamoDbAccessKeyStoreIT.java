package dev.s3notifications.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.store.AccessKeyRegistry;
import dev.s3notifications.store.AccessKeyRegistryContract;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SentRequests;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The access-key store contract against moto's DynamoDB, and the consistent reads moto cannot tell apart. */
class DynamoDbAccessKeyStoreIT extends AccessKeyRegistryContract {
    private static final SentRequests SENT = new SentRequests();
    private static DynamoDbClient client;
    private static DynamoDbAccessKeyStore store;

    @BeforeAll
    static void createTable() {
        client = AwsTestClients.dynamoDb(MotoServer.shared().endpoint(), SENT);
        String table = "access-keys-" + UUID.randomUUID();
        DynamoDbTables.createAccessKeys(client, table);
        store = new DynamoDbAccessKeyStore(client, table);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Override
    protected AccessKeyRegistry store() {
        return store;
    }

    /** A key disabled a moment ago must be seen disabled: moto's reads are always consistent, DynamoDB's only when asked. */
    @Test
    void readsKeysWithStronglyConsistentReads() {
        SENT.clear();
        store.find("AKIANOSUCHKEY0000000");
        store.list();
        assertThat(SENT.list()).hasSize(2);
        assertThat(((GetItemRequest) SENT.list().get(0)).consistentRead()).isTrue();
        assertThat(((ScanRequest) SENT.list().get(1)).consistentRead()).isTrue();
    }
}
