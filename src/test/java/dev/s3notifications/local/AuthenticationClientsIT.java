package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.s3notifications.handler.ApiHandler;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.wiring.Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;

/**
 * Who may call, judged by unmodified clients against the local stack: the AWS CLI (SigV4, and SigV2 through its
 * configuration), boto3 ({@code src/test/python/local_stack_auth.py}: SigV4, SigV2, presigned URLs fetched with plain
 * HTTP) and the AWS SDK for Java v2's S3Client, with the key pairs the stack announced. The right key works; a wrong
 * secret, an unknown key, a skewed clock, a tampered body, an expired presigned URL and another account without a
 * grant are refused with S3's status and code, and change nothing; another account with a grant gets in, until an
 * explicit Deny says otherwise. Also through an API Gateway stage, where the signed path includes it.
 */
class AuthenticationClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static LocalStack stack;
    private static final List<String> announced = new CopyOnWriteArrayList<>();
    private static String[] owner;
    private static String[] other;
    private static String topicArn;
    private static HttpServer stageServer;
    private static URI stageEndpoint;

    @BeforeAll
    static void startStackATopicAndAStage() throws IOException {
        stack = LocalStack.start(0, Map.of("AWS_REGION", "us-east-1"), announced::add);
        List<String[]> credentials = announced.stream().filter(l -> l.startsWith("credentials "))
                .map(l -> l.substring("credentials ".length()).split(" ")).toList();
        assertThat(credentials).as("two key pairs, two accounts").hasSize(2);
        owner = credentials.get(0);
        other = credentials.get(1);
        assertThat(owner[2]).isNotEqualTo(other[2]);
        try (var sns = AwsTestClients.sns(URI.create(stack.announced("sns")))) {
            topicArn = sns.createTopic(b -> b.name("auth-" + RUN)).topicArn();
        }

        // The same API and stores behind the default endpoint's stage: https://<api>.execute-api.<region>.amazonaws.com/prod
        Settings settings = Settings.from(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_SNS", stack.announced("sns"),
                "PRIME_AT_INIT", "false"));
        stageServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        ApiHandler handler = new ApiHandler(settings, stack.stores());
        stageServer.createContext("/", new ApiGatewayProxy(handler::handleRequest, "us-east-1", owner[2], "prod"));
        stageServer.start();
        stageEndpoint = URI.create("http://127.0.0.1:" + stageServer.getAddress().getPort() + "/prod");
    }

    @AfterAll
    static void stop() {
        if (stageServer != null) {
            stageServer.stop(0);
        }
        if (stack != null) {
            stack.close();
        }
    }


    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Map<String, String> env(String key, String secret) {
        return Map.of("AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", secret);
    }

    /** The AWS CLI at {@code endpoint}, signing with {@code key}/{@code secret} (SigV4 unless the config says s3). */
    private static Command cli(URI endpoint, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json",
                "s3api"));
        command.addAll(List.of(args));
        return Command.run(command, env);
    }

    private static Command ownerCli(String... args) {
        return cli(stack.endpoint(), env(owner[0], owner[1]), args);
    }

    private static String configurationJson(String event) {
        return "{\"TopicConfigurations\": [{\"Id\": \"by-cli\", \"TopicArn\": \"" + topicArn + "\", \"Events\": [\"" + event
                + "\"]}]}";
    }

    private static void refusedByCli(Command command, String code, String operation, String message) {
        assertThat(command.exitCode()).as(command.stdout()).isNotZero();
        assertThat(command.stderr()).contains("An error occurred (" + code + ") when calling the " + operation
                + " operation: " + message);
    }

    @Test
    void awsCliRightKeyWrongSecretUnknownKeyAnotherAccountAGrantAndAnExplicitDeny() {
        String bucket = "cli-auth-" + RUN;
        ownerCli("create-bucket", "--bucket", bucket).succeeded();
        ownerCli("put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration",
                configurationJson("s3:ObjectCreated:*")).succeeded();
        String stored = ownerCli("get-bucket-notification-configuration", "--bucket", bucket).succeeded();
        assertThat(json(stored).at("/TopicConfigurations/0/Id").asText()).isEqualTo("by-cli");

        refusedByCli(cli(stack.endpoint(), env(owner[0], "wrong" + owner[1]), "put-bucket-notification-configuration",
                "--bucket", bucket, "--notification-configuration", configurationJson("s3:ObjectRemoved:*")),
                "SignatureDoesNotMatch", "PutBucketNotificationConfiguration", "The request signature we calculated"
                        + " does not match the signature you provided. Check your key and signing method.");
        refusedByCli(cli(stack.endpoint(), env("AKIAUNKNOWNEXAMPLE00", owner[1]), "get-bucket-notification-configuration",
                "--bucket", bucket), "InvalidAccessKeyId", "GetBucketNotificationConfiguration",
                "The AWS Access Key Id you provided does not exist in our records.");

        Map<String, String> otherAccount = env(other[0], other[1]);
        refusedByCli(cli(stack.endpoint(), otherAccount, "get-bucket-notification-configuration", "--bucket", bucket),
                "AccessDenied", "GetBucketNotificationConfiguration", "Access Denied");
        refusedByCli(cli(stack.endpoint(), otherAccount, "put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", configurationJson("s3:ObjectRemoved:*")),
                "AccessDenied", "PutBucketNotificationConfiguration", "Access Denied");
        assertThat(ownerCli("get-bucket-notification-configuration", "--bucket", bucket).succeeded())
                .as("nothing changed").isEqualTo(stored);

        String grant = "{\"Sid\": \"Other\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + other[2] + "\"},"
                + " \"Action\": [\"s3:GetBucketNotification\", \"s3:PutBucketNotification\"],"
                + " \"Resource\": \"arn:aws:s3:::" + bucket + "\"}";
        assertThat(ownerCli("put-bucket-policy", "--bucket", bucket, "--policy",
                "{\"Version\": \"2012-10-17\", \"Statement\": [" + grant + "]}").succeeded()).isEmpty();
        JsonNode policy = json(json(ownerCli("get-bucket-policy", "--bucket", bucket).succeeded()).get("Policy").asText());
        assertThat(policy.at("/Statement/0/Principal/AWS").asText()).as("S3's form")
                .isEqualTo("arn:aws:iam::" + other[2] + ":root");
        assertThat(cli(stack.endpoint(), otherAccount, "put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", configurationJson("s3:ObjectRemoved:*")).succeeded()).isEmpty();
        String byOther = cli(stack.endpoint(), otherAccount, "get-bucket-notification-configuration", "--bucket", bucket)
                .succeeded();
        assertThat(json(byOther).at("/TopicConfigurations/0/Events/0").asText()).isEqualTo("s3:ObjectRemoved:*");
        assertThat(ownerCli("get-bucket-notification-configuration", "--bucket", bucket).succeeded()).isEqualTo(byOther);

        String deny = "{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"" + other[2] + "\"},"
                + " \"Action\": \"s3:PutBucketNotification\", \"Resource\": \"arn:aws:s3:::" + bucket + "\"}";
        ownerCli("put-bucket-policy", "--bucket", bucket, "--policy", "{\"Statement\": [" + grant + ", " + deny + "]}")
                .succeeded();
        refusedByCli(cli(stack.endpoint(), otherAccount, "put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", configurationJson("s3:ObjectTagging:*")),
                "AccessDenied", "PutBucketNotificationConfiguration", "Access Denied");
        assertThat(ownerCli("get-bucket-notification-configuration", "--bucket", bucket).succeeded())
                .as("nothing changed").isEqualTo(byOther);
        refusedByCli(cli(stack.endpoint(), otherAccount, "delete-bucket-policy", "--bucket", bucket),
                "AccessDenied", "DeleteBucketPolicy", "Access Denied");
        ownerCli("delete-bucket-policy", "--bucket", bucket).succeeded();
        refusedByCli(ownerCli("get-bucket-policy", "--bucket", bucket), "NoSuchBucketPolicy", "GetBucketPolicy",
                "The bucket policy does not exist");
    }

    @Test
    void throughAnApiGatewayStageTheSignedPathIncludesTheStage() {
        String bucket = "stage-" + RUN;
        Command created = cli(stageEndpoint, env(owner[0], owner[1]), "create-bucket", "--bucket", bucket);
        assertThat(created.succeeded()).contains("/" + bucket);
        cli(stageEndpoint, env(owner[0], owner[1]), "put-bucket-notification-configuration", "--bucket", bucket,
                "--notification-configuration", configurationJson("s3:ObjectCreated:*")).succeeded();
        assertThat(ownerCli("get-bucket-notification-configuration", "--bucket", bucket).succeeded())
                .as("the same tables as the stack's root endpoint").contains("by-cli");

        try (S3Client s3 = s3Client(stageEndpoint, owner[0], owner[1], null)) {
            assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).topicConfigurations()).hasSize(1);
        }
        refusedByCli(cli(stageEndpoint, env(owner[0], "wrong" + owner[1]), "get-bucket-notification-configuration",
                "--bucket", bucket), "SignatureDoesNotMatch", "GetBucketNotificationConfiguration", "The request signature"
                        + " we calculated does not match the signature you provided. Check your key and signing method.");
    }

    @Test
    void boto3SigV4SigV2PresignedUrlsAndEveryRefusal() {
        String bucket = "boto3-auth-" + RUN;
        ownerCli("create-bucket", "--bucket", bucket).succeeded();
        JsonNode report = json(Command.run(List.of(System.getenv().getOrDefault("PYTHON", "python3"),
                "src/test/python/local_stack_auth.py", stack.endpoint().toString(), topicArn, bucket, owner[0], owner[1],
                other[0], other[1], other[2], stageEndpoint.toString())).succeeded());

        assertThat(report.get("sigv4_put").asInt()).isEqualTo(200);
        assertThat(report.at("/sigv4_get/TopicConfigurations/0/Id").asText()).isEqualTo("by-boto3");
        assertThat(report.get("sigv2_get")).isEqualTo(report.get("sigv4_get"));
        assertThat(report.get("stage_sigv4_get")).as("through the stage").isEqualTo(report.get("sigv4_get"));
        assertThat(report.get("stage_sigv2_get")).as("SigV2 through the stage").isEqualTo(report.get("sigv4_get"));

        assertError(report.get("sigv2_wrong_secret"), 403, "SignatureDoesNotMatch");
        assertThat(report.at("/sigv2_wrong_secret/Error/StringToSign").asText())
                .startsWith("PUT\n").endsWith("\n/" + bucket + "/?notification");
        assertError(report.get("sigv4_wrong_secret"), 403, "SignatureDoesNotMatch");
        assertThat(report.at("/sigv4_wrong_secret/Error/Message").asText()).isEqualTo("The request signature we"
                + " calculated does not match the signature you provided. Check your key and signing method.");
        assertThat(report.at("/sigv4_wrong_secret/Error/AWSAccessKeyId").asText()).isEqualTo(owner[0]);
        assertThat(report.at("/sigv4_wrong_secret/Error/CanonicalRequest").asText())
                .startsWith("PUT\n/" + bucket + "\nnotification=\n");
        assertThat(report.at("/sigv4_wrong_secret/Error/StringToSign").asText()).startsWith("AWS4-HMAC-SHA256\n");
        assertThat(report.at("/sigv4_wrong_secret/Error").has("CanonicalRequestBytes")).isTrue();
        assertError(report.get("unknown_key"), 403, "InvalidAccessKeyId");
        assertThat(report.at("/unknown_key/Error/AWSAccessKeyId").asText()).isEqualTo("AKIAUNKNOWNEXAMPLE00");
        assertError(report.get("wrong_region"), 400, "AuthorizationHeaderMalformed");
        assertThat(report.get("wrong_region_scopes")).as("botocore followed the Region element").hasSize(2);
        assertThat(report.at("/wrong_region_scopes/0").asText()).matches("\\d{8}/eu-west-1/s3/aws4_request");
        assertThat(report.at("/wrong_region_scopes/1").asText()).matches("\\d{8}/us-east-1/s3/aws4_request");
        assertThat(report.get("wrong_region_result").asInt()).isEqualTo(200);
        assertThat(report.at("/wrong_region/Error/Region").asText()).isEqualTo("us-east-1");
        assertThat(report.at("/wrong_region/Error/Message").asText())
                .isEqualTo("The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
        assertError(report.get("anonymous"), 403, "AccessDenied");
        assertError(report.get("skewed_clock"), 403, "RequestTimeTooSkewed");
        assertThat(report.at("/skewed_clock/Error/MaxAllowedSkewMilliseconds").asText()).isEqualTo("900000");
        assertThat(report.at("/skewed_clock/Error/RequestTime").asText()).matches("\\d{8}T\\d{6}Z");
        assertThat(report.at("/skewed_clock/Error/ServerTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertError(report.get("tampered_body"), 400, "XAmzContentSHA256Mismatch");
        assertThat(report.at("/tampered_body/Error/ClientComputedContentSHA256").asText())
                .isNotEqualTo(report.at("/tampered_body/Error/S3ComputedContentSHA256").asText());
        assertThat(report.get("unchanged_after_refusals").asBoolean()).as("no refusal changed the configuration").isTrue();

        assertThat(report.at("/presigned_v4/signed").asBoolean()).isTrue();
        assertThat(report.at("/presigned_v2/signed").asBoolean()).isTrue();
        assertThat(report.at("/presigned_v4/status").asInt()).isEqualTo(200);
        assertThat(report.at("/presigned_v4/body").asText()).contains("<Id>by-boto3</Id>");
        assertThat(report.at("/presigned_v2/status").asInt()).isEqualTo(200);
        assertThat(report.at("/presigned_v2/body").asText()).contains("<Id>by-boto3</Id>");
        assertThat(report.at("/presigned_expired/status").asInt()).isEqualTo(403);
        assertThat(report.at("/presigned_expired/body").asText()).contains("<Code>AccessDenied</Code>",
                "<Message>Request has expired</Message>", "<X-Amz-Expires>3600</X-Amz-Expires>", "<Expires>", "<ServerTime>");
        assertThat(report.at("/presigned_tampered/status").asInt()).isEqualTo(403);
        assertThat(report.at("/presigned_tampered/body").asText()).contains("<Code>SignatureDoesNotMatch</Code>");

        assertError(report.get("other_without_grant_get"), 403, "AccessDenied");
        assertError(report.get("other_without_grant_put"), 403, "AccessDenied");
        assertThat(report.get("unchanged_after_other_without_grant").asBoolean()).isTrue();
        assertThat(report.get("put_policy").asInt()).isEqualTo(204);
        assertThat(report.at("/get_policy/Statement/0/Principal/AWS").asText()).isEqualTo("arn:aws:iam::" + other[2] + ":root");
        assertThat(report.get("other_with_grant_put").asInt()).isEqualTo(200);
        assertThat(report.at("/other_with_grant_get/TopicConfigurations/0/Events/0").asText()).isEqualTo("s3:ObjectRemoved:*");
        assertError(report.get("other_get_policy"), 403, "AccessDenied");
        assertError(report.get("other_explicitly_denied_put"), 403, "AccessDenied");
        assertThat(report.get("unchanged_after_explicit_deny").asBoolean()).isTrue();
        assertThat(report.get("other_explicitly_denied_still_gets").asInt()).isEqualTo(200);
        assertError(report.get("malformed_policy"), 400, "MalformedPolicy");
        assertThat(report.at("/malformed_policy/Error/Message").asText()).isEqualTo("Policy has invalid resource");
        assertThat(report.get("delete_policy").asInt()).isEqualTo(204);
        assertError(report.get("no_policy"), 404, "NoSuchBucketPolicy");
        assertThat(report.at("/no_policy/Error/BucketName").asText()).isEqualTo(bucket);
        assertError(report.get("other_after_delete"), 403, "AccessDenied");
    }

    private static void assertError(JsonNode answer, int status, String code) {
        assertThat(answer.get("status").asInt()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.at("/Error/Code").asText()).isEqualTo(code);
    }

    /** An unmodified S3Client, path-style, over {@code http} (a tampering transport when {@code http} is given). */
    private static S3Client s3Client(URI endpoint, String key, String secret, SdkHttpClient http) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(http == null ? UrlConnectionHttpClient.create() : http)
                .build();
    }

    private static NotificationConfiguration configuration(Event event) {
        return NotificationConfiguration.builder().topicConfigurations(TopicConfiguration.builder().id("by-sdk")
                .topicArn(topicArn).events(event).build()).build();
    }

    private static S3Exception refusal(Runnable call) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void javaSdkS3ClientRightKeyWrongSecretUnknownKeyTamperedBodySkewedClockAndAccounts() {
        String bucket = "sdk-auth-" + RUN;
        try (S3Client s3 = s3Client(stack.endpoint(), owner[0], owner[1], null);
                S3Client wrongSecret = s3Client(stack.endpoint(), owner[0], "wrong" + owner[1], null);
                S3Client unknownKey = s3Client(stack.endpoint(), "AKIAUNKNOWNEXAMPLE00", owner[1], null);
                S3Client tampering = s3Client(stack.endpoint(), owner[0], owner[1], new TamperingHttpClient());
                S3Client otherAccount = s3Client(stack.endpoint(), other[0], other[1], null)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(configuration(Event.S3_OBJECT_CREATED)));
            GetBucketNotificationConfigurationResponse stored = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
            assertThat(stored.topicConfigurations()).extracting(TopicConfiguration::id).containsExactly("by-sdk");

            S3Exception signature = refusal(() -> wrongSecret.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(configuration(Event.S3_OBJECT_REMOVED))));
            assertThat(signature.statusCode()).isEqualTo(403);
            assertThat(signature.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");

            S3Exception unknown = refusal(() -> unknownKey.getBucketNotificationConfiguration(b -> b.bucket(bucket)));
            assertThat(unknown.statusCode()).isEqualTo(403);
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");

            S3Exception tampered = refusal(() -> tampering.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(configuration(Event.S3_OBJECT_CREATED))));
            assertThat(tampered.statusCode()).isEqualTo(400);
            assertThat(tampered.awsErrorDetails().errorCode()).isEqualTo("XAmzContentSHA256Mismatch");

            S3Exception skewed;
            SdkGlobalTime.setGlobalTimeOffset(30 * 60); // clients made now sign with their clock minus 30 minutes
            try (S3Client late = s3Client(stack.endpoint(), owner[0], owner[1], null)) {
                skewed = refusal(() -> late.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                        .notificationConfiguration(configuration(Event.S3_OBJECT_REMOVED))));
            } finally {
                SdkGlobalTime.setGlobalTimeOffset(0);
            }
            assertThat(skewed.statusCode()).isEqualTo(403);
            assertThat(skewed.awsErrorDetails().errorCode()).isEqualTo("RequestTimeTooSkewed");
            // With its default retries, the SDK corrects its clock from the answer's Date header and succeeds.
            SdkGlobalTime.setGlobalTimeOffset(30 * 60);
            try (S3Client correcting = S3Client.builder().endpointOverride(stack.endpoint()).region(Region.US_EAST_1)
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(owner[0], owner[1]))).build()) {
                assertThat(correcting.getBucketNotificationConfiguration(b -> b.bucket(bucket)).topicConfigurations())
                        .isEqualTo(stored.topicConfigurations());
            } finally {
                SdkGlobalTime.setGlobalTimeOffset(0);
            }

            S3Exception denied = refusal(() -> otherAccount.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(configuration(Event.S3_OBJECT_REMOVED))));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).topicConfigurations())
                    .as("no refusal changed anything").isEqualTo(stored.topicConfigurations());

            s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                    + " {\"AWS\": \"arn:aws:iam::" + other[2] + ":root\"}, \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::"
                    + bucket + "\", \"arn:aws:s3:::" + bucket + "/*\"]}, {\"Effect\": \"Deny\", \"Principal\": \"*\","
                    + " \"Action\": \"s3:DeleteBucket\", \"Resource\": \"arn:aws:s3:::" + bucket + "\"}]}"));
            otherAccount.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(configuration(Event.S3_OBJECT_REMOVED)));
            assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).topicConfigurations().get(0).events())
                    .containsExactly(Event.S3_OBJECT_REMOVED);
            assertThat(otherAccount.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isEmpty();
            S3Exception policyOperation = refusal(() -> otherAccount.getBucketPolicy(b -> b.bucket(bucket)));
            assertThat(policyOperation.statusCode()).as("only the owner's account manages the policy").isEqualTo(405);
            S3Exception denyWins = refusal(() -> s3.deleteBucket(b -> b.bucket(bucket)));
            assertThat(denyWins.statusCode()).as("the Deny binds the owner too").isEqualTo(403);
            assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).as("yet its root may still read the policy")
                    .contains("s3:DeleteBucket");
            s3.deleteBucketPolicy(b -> b.bucket(bucket));
            s3.deleteBucket(b -> b.bucket(bucket));
        }
    }

    /** UrlConnectionHttpClient, with the body changed after signing (same length), as a man in the middle would. */
    private static final class TamperingHttpClient implements SdkHttpClient {
        private final SdkHttpClient delegate = UrlConnectionHttpClient.create();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            if (request.contentStreamProvider().isEmpty()) {
                return delegate.prepareRequest(request);
            }
            byte[] tampered;
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                tampered = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("ObjectCreated", "ObjectRemoved").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ContentStreamProvider body = () -> new ByteArrayInputStream(tampered);
            return delegate.prepareRequest(HttpExecuteRequest.builder().request(request.httpRequest())
                    .contentStreamProvider(body).metricCollector(request.metricCollector().orElse(null)).build());
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
