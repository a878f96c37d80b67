package dev.s3notifications.cli;

import dev.s3notifications.authorization.Caller;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyRegistry;
import dev.s3notifications.wiring.AwsClients;
import dev.s3notifications.wiring.Settings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The operator's command for the access keys S3 clients sign with ({@code scripts/access-keys}): create a key for an
 * account (its root, or an IAM-style principal), disable or enable it, rotate it, delete it, list keys. It writes the
 * table named by {@code ACCESS_KEYS_TABLE} (or {@code --table}) with the operator's own AWS credentials. A new secret
 * is printed once, on standard output, and never again; nothing else ever prints a secret.
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console">Rotating access keys</a>
 */
public final class AccessKeysCommand {
    static final String USAGE = """
            usage: scripts/access-keys [--table NAME] COMMAND
              create --account ID [--principal ARN]   a new key pair for the account's root (or the principal named);
                                                      prints: credentials <access key id> <secret key> <account id>
              rotate ACCESS_KEY_ID                    a new key pair for the same account and principal; the old one
                                                      stays enabled until you disable it (switch clients over first)
              disable ACCESS_KEY_ID                   refuse the key from now on (warm API containers may accept it
                                                      for up to ACCESS_KEY_CACHE_TTL_SECONDS more)
              enable ACCESS_KEY_ID                    accept a disabled key again
              delete ACCESS_KEY_ID                    remove the key for good (disable it first, and wait)
              list [--account ID]                     access key id, account, principal, enabled; never secrets
            environment: ACCESS_KEYS_TABLE (the table, default %s), AWS_REGION, the usual AWS credentials,
              AWS_ENDPOINT_URL_DYNAMODB (e.g. the DynamoDB of scripts/local-stack --dynamodb URL)
            """.formatted(Settings.DEFAULT_ACCESS_KEYS_TABLE);
    /** The alphabet of AWS access key ids after their AKIA prefix. */
    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final AccessKeyRegistry store;
    private final SecureRandom random;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    AccessKeysCommand(AccessKeyRegistry store, SecureRandom random, Clock clock, PrintStream out, PrintStream err) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Settings settings = Settings.fromEnvironment();
        String table = settings.accessKeysTable();
        int at = rest.indexOf("--table");
        if (at >= 0 && at + 1 < rest.size()) {
            table = rest.get(at + 1);
            rest.subList(at, at + 2).clear();
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (var dynamoDb = AwsClients.dynamoDb(settings)) {
            var command = new AccessKeysCommand(new DynamoDbAccessKeyStore(dynamoDb, table), new SecureRandom(),
                    Clock.systemUTC(), out, System.err);
            System.exit(command.run(rest));
        }
    }

    /** Runs one command; returns the process's exit status (0 done, 1 refused, 2 usage). */
    int run(List<String> args) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "create" -> create(option(rest, "--account").orElseThrow(() -> usage("create needs --account ID")),
                        option(rest, "--principal").orElse(null));
                case "rotate" -> rotate(single(rest, command));
                case "disable" -> setEnabled(single(rest, command), false);
                case "enable" -> setEnabled(single(rest, command), true);
                case "delete" -> delete(single(rest, command));
                case "list" -> list(option(rest, "--account").orElse(null));
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw usage("unknown command: " + command);
            };
        } catch (IllegalArgumentException e) {
            err.println("access-keys: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private int create(String accountId, String principalArn) {
        if (!accountId.matches("[0-9]{12}")) {
            throw usage("an account id has 12 digits: " + accountId);
        }
        String principal = principalArn == null ? Caller.rootArn(accountId) : principalArn;
        if (!principal.matches("arn:aws[a-z-]*:(iam|sts)::" + accountId + ":.+")) {
            throw usage("the principal must be an IAM ARN of account " + accountId + ": " + principal);
        }
        AccessKey key;
        do {
            key = new AccessKey(newAccessKeyId(), newSecret(), accountId, principal, true);
        } while (!store.create(key, clock.instant()));
        out.println("credentials " + key.accessKeyId() + " " + key.secretAccessKey() + " " + key.accountId());
        err.println("access-keys: created " + key.accessKeyId() + " for " + principal
                + "; keep the secret now, it is never shown again");
        return 0;
    }

    private int rotate(String accessKeyId) {
        Optional<AccessKey> old = store.find(accessKeyId);
        if (old.isEmpty()) {
            err.println("access-keys: no key " + accessKeyId);
            return 1;
        }
        int status = create(old.get().accountId(), old.get().principalArn());
        err.println("access-keys: " + accessKeyId + " stays enabled: switch clients to the new key, then"
                + " scripts/access-keys disable " + accessKeyId + ", and later delete it");
        return status;
    }

    private int setEnabled(String accessKeyId, boolean enabled) {
        if (!store.setEnabled(accessKeyId, enabled)) {
            err.println("access-keys: no key " + accessKeyId);
            return 1;
        }
        err.println("access-keys: " + accessKeyId + (enabled ? " enabled" : " disabled"));
        return 0;
    }

    private int delete(String accessKeyId) {
        if (!store.delete(accessKeyId)) {
            err.println("access-keys: no key " + accessKeyId);
            return 1;
        }
        err.println("access-keys: " + accessKeyId + " deleted");
        return 0;
    }

    private int list(String accountId) {
        for (AccessKey key : store.list()) {
            if (accountId == null || accountId.equals(key.accountId())) {
                out.println(key.accessKeyId() + " " + key.accountId() + " " + key.principalArn() + " "
                        + (key.enabled() ? "enabled" : "disabled"));
            }
        }
        return 0;
    }

    /** {@code AKIA} and 16 characters of the base-32 alphabet, as AWS's own long-term key ids. */
    private String newAccessKeyId() {
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ID_ALPHABET[random.nextInt(KEY_ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** 240 random bits as 40 base-64 characters, the length and alphabet of AWS's secrets. */
    private String newSecret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 >= args.size()) {
            throw usage(name + " needs a value");
        }
        return Optional.of(args.get(at + 1));
    }

    private static String single(List<String> args, String command) {
        if (args.size() != 1) {
            throw usage(command + " takes one access key id");
        }
        return args.get(0);
    }

    private static IllegalArgumentException usage(String message) {
        return new IllegalArgumentException(message);
    }
}
