package dev.s3notifications.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccessKeyRegistry} must do, whatever holds the keys: a subclass per store gives {@link #store()}
 * (the in-memory store in a unit test, the DynamoDB adapter against moto's DynamoDB in an integration test). The
 * store may be shared by the tests: each uses key ids and accounts of its own.
 */
public abstract class AccessKeyRegistryContract {

    protected abstract AccessKeyRegistry store();

    /** {@code AKIA} and 15 random characters, then {@code last}. */
    private static String newKeyId(char last) {
        return "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase() + last;
    }

    private static AccessKey newKey(String account) {
        String id = newKeyId('A');
        return new AccessKey(id, "secret-" + id, account, "arn:aws:iam::" + account + ":user/alice", true);
    }

    private static String newAccount() {
        return String.format("9%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    @Test
    void createsFindsDisablesEnablesAndDeletesAKey() {
        AccessKey key = newKey("123456789012");
        assertThat(store().find(key.accessKeyId())).isEmpty();
        assertThat(store().create(key, Instant.now())).isTrue();
        assertThat(store().find(key.accessKeyId())).contains(key);

        assertThat(store().setEnabled(key.accessKeyId(), false)).isTrue();
        assertThat(store().find(key.accessKeyId())).contains(new AccessKey(key.accessKeyId(), key.secretAccessKey(),
                key.accountId(), key.principalArn(), false));
        assertThat(store().setEnabled(key.accessKeyId(), false)).as("disabling a disabled key").isTrue();
        assertThat(store().setEnabled(key.accessKeyId(), true)).isTrue();
        assertThat(store().find(key.accessKeyId())).contains(key);

        assertThat(store().delete(key.accessKeyId())).isTrue();
        assertThat(store().find(key.accessKeyId())).isEmpty();
        assertThat(store().delete(key.accessKeyId())).isFalse();
        assertThat(store().setEnabled(key.accessKeyId(), true)).as("no key appears by enabling it").isFalse();
        assertThat(store().find(key.accessKeyId())).isEmpty();
    }

    @Test
    void aKeyCreatedDisabledStaysDisabledUntilEnabled() {
        AccessKey enabled = newKey("123456789012");
        AccessKey disabled = new AccessKey(enabled.accessKeyId(), enabled.secretAccessKey(), enabled.accountId(),
                enabled.principalArn(), false);
        assertThat(store().create(disabled, Instant.now())).isTrue();
        assertThat(store().find(disabled.accessKeyId())).contains(disabled);
        store().setEnabled(disabled.accessKeyId(), true);
        assertThat(store().find(disabled.accessKeyId())).contains(enabled);
    }

    @Test
    void neverOverwritesAnExistingKey() {
        AccessKey key = newKey("123456789012");
        store().create(key, Instant.now());
        AccessKey impostor = new AccessKey(key.accessKeyId(), "other-secret", "210987654321",
                "arn:aws:iam::210987654321:root", false);
        assertThat(store().create(impostor, Instant.now())).isFalse();
        assertThat(store().find(key.accessKeyId())).contains(key);
    }

    @Test
    void listsEveryKeyByAccountThenId() {
        String account = newAccount();
        String other = newAccount();
        AccessKey second = newKey(account);
        AccessKey first = new AccessKey(second.accessKeyId().substring(0, 19) + "0", "s", account,
                "arn:aws:iam::" + account + ":root", false); // the same id but for its last character, which sorts first
        AccessKey ofTheOtherAccount = newKey(other);
        store().create(second, Instant.now());
        store().create(ofTheOtherAccount, Instant.now());
        store().create(first, Instant.now());

        var listed = store().list().stream()
                .filter(k -> k.accountId().equals(account) || k.accountId().equals(other)).toList();
        if (account.compareTo(other) < 0) {
            assertThat(listed).containsExactly(first, second, ofTheOtherAccount);
        } else {
            assertThat(listed).containsExactly(ofTheOtherAccount, first, second);
        }
    }
}
