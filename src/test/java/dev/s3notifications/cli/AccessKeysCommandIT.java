package dev.s3notifications.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.api.S3Error;
import dev.s3notifications.api.S3Exception;
import dev.s3notifications.api.S3Request;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SigV4Signing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** scripts/access-keys' commands against moto's DynamoDB, and the keys they make signing real requests. */
class AccessKeysCommandIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:00Z"), ZoneOffset.UTC);

    private DynamoDbAccessKeyStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private AccessKeysCommand command;

    @BeforeEach
    void table() {
        var client = AwsTestClients.dynamoDb(MotoServer.shared().endpoint());
        String table = "access-keys-" + UUID.randomUUID();
        DynamoDbTables.createAccessKeys(client, table);
        store = new DynamoDbAccessKeyStore(client, table);
        command = new AccessKeysCommand(store, new SecureRandom(), CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return command.run(List.of(args));
    }

    private String[] created(String... args) {
        assertThat(run(args)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).matches("credentials AKIA[A-Z2-7]{16} [A-Za-z0-9+/]{40} [0-9]{12}");
        return line.substring("credentials ".length()).split(" ");
    }

    /** A SigV4-signed ListBuckets as an S3 client makes it, through the authenticator the API uses. */
    private Caller authenticate(String accessKeyId, String secret) {
        var signed = new SigV4Signing(accessKeyId, secret, "us-east-1", CLOCK)
                .httpRequest("GET", URI.create("http://127.0.0.1:9090/"), new byte[0]).build();
        Map<String, String> headers = new HashMap<>();
        signed.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        headers.put("Host", "127.0.0.1:9090");
        S3Request request = new S3Request("GET", null, null, "/", false, Map.of(), headers, new byte[0], null,
                "127.0.0.1", "REQUEST", "HOST");
        return new S3RequestAuthenticator(store, "us-east-1", CLOCK, null).authenticate(request);
    }

    @Test
    void createsAKeyForAnAccountsRootOrAPrincipalThatSignsRequests() {
        String[] root = created("create", "--account", "123456789012");
        assertThat(root[2]).isEqualTo("123456789012");
        assertThat(authenticate(root[0], root[1])).isEqualTo(new Caller("123456789012", "arn:aws:iam::123456789012:root", root[0]));

        String[] alice = created("create", "--account", "123456789012", "--principal", "arn:aws:iam::123456789012:user/alice");
        assertThat(authenticate(alice[0], alice[1]).principalArn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("never shown again").doesNotContain(alice[1]);
    }

    @Test
    void disablingRefusesTheKeyEnablingAcceptsItAgain() {
        String[] key = created("create", "--account", "123456789012");
        assertThat(run("disable", key[0])).isZero();
        try {
            authenticate(key[0], key[1]);
            throw new AssertionError("a disabled key was accepted");
        } catch (S3Exception e) {
            assertThat(e.error()).isEqualTo(S3Error.INVALID_ACCESS_KEY_ID);
        }
        assertThat(run("enable", key[0])).isZero();
        assertThat(authenticate(key[0], key[1]).accessKeyId()).isEqualTo(key[0]);
    }

    @Test
    void rotationMakesASecondKeyForTheSamePrincipalAndKeepsTheFirstUntilDisabled() {
        String[] first = created("create", "--account", "210987654321", "--principal", "arn:aws:iam::210987654321:role/ci");
        String[] second = created("rotate", first[0]);
        assertThat(second[0]).isNotEqualTo(first[0]);
        assertThat(second[2]).isEqualTo("210987654321");
        assertThat(authenticate(second[0], second[1]).principalArn()).isEqualTo("arn:aws:iam::210987654321:role/ci");
        assertThat(authenticate(first[0], first[1]).accessKeyId()).as("still enabled").isEqualTo(first[0]);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stays enabled");
    }

    @Test
    void listsKeysWithoutSecretsAndDeletesThem() {
        String[] one = created("create", "--account", "123456789012");
        String[] two = created("create", "--account", "210987654321");
        run("disable", two[0]);

        assertThat(run("list")).isZero();
        String listed = out.toString(StandardCharsets.UTF_8);
        assertThat(listed).contains(one[0] + " 123456789012 arn:aws:iam::123456789012:root enabled")
                .contains(two[0] + " 210987654321 arn:aws:iam::210987654321:root disabled")
                .doesNotContain(one[1]).doesNotContain(two[1]);
        assertThat(run("list", "--account", "210987654321")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(one[0]).contains(two[0]);

        assertThat(run("delete", two[0])).isZero();
        assertThat(store.find(two[0])).isEmpty();
        assertThat(run("delete", two[0])).isEqualTo(1);
    }

    @Test
    void refusesWhatIsNotACommandOrNotAnAccount() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("create")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("create needs --account ID");
        assertThat(run("create", "--account", "1234")).isEqualTo(2);
        assertThat(run("create", "--account", "123456789012", "--principal", "arn:aws:iam::999999999999:user/bob")).isEqualTo(2);
        assertThat(run("disable", "AKIANOSUCHKEY0000000")).isEqualTo(1);
        assertThat(run("rotate", "AKIANOSUCHKEY0000000")).isEqualTo(1);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(store.list()).isEmpty();
    }
}
