package dev.s3notifications.local;

import dev.s3notifications.authorization.Caller;
import dev.s3notifications.store.AccessKey;
import java.util.ArrayList;
import java.util.List;

/**
 * An access key pair the local stack seeds into its access-key table, acting for an account's root. By default two
 * (the example pairs of the AWS documentation), for two accounts, so that cross-account access can be tried;
 * {@code LOCAL_CREDENTIALS} or {@code --credentials} replace them.
 */
record LocalCredentials(String accessKeyId, String secretAccessKey, String accountId) {
    static final List<LocalCredentials> DEFAULTS = List.of(
            new LocalCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "123456789012"),
            new LocalCredentials("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "210987654321"));

    LocalCredentials {
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty() || !accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("credentials must be <access key id>:<secret key>:<12-digit account id>");
        }
    }

    /** {@code <access key id>:<secret key>:<account id>}, several separated by spaces or commas; null or blank: the defaults. */
    static List<LocalCredentials> parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        List<LocalCredentials> credentials = new ArrayList<>();
        for (String triple : text.trim().split("[\\s,]+")) {
            String[] parts = triple.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not <access key id>:<secret key>:<account id>: " + triple);
            }
            credentials.add(new LocalCredentials(parts[0], parts[1], parts[2]));
        }
        return credentials;
    }

    /** The key pair as the stores hold it: enabled, acting for its account's root. */
    AccessKey accessKey() {
        return new AccessKey(accessKeyId, secretAccessKey, accountId, Caller.rootArn(accountId), true);
    }

    /** The announcement line's values: {@code credentials <access key id> <secret key> <account id>}. */
    String announced() {
        return accessKeyId + " " + secretAccessKey + " " + accountId;
    }
}
