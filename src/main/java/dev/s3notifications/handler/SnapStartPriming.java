package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketState;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.DestinationVerifier;
import dev.s3notifications.domain.NotificationConfiguration;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.wiring.Settings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.crac.Context;
import org.crac.Resource;

/**
 * Primes the API function before SnapStart takes its snapshot, so that a restored instance answers its first
 * request without first loading and compiling the request path (the bulk of a Java cold start). Lambda runs
 * {@code beforeCheckpoint} once, when it publishes a version: sample requests go through the whole path (proxy
 * event, XML parsing, validation, checksum, XML rendering) against an in-memory bucket as a fixed sandbox caller,
 * and one request signed with an access key that cannot exist goes through the real authenticator to the real
 * access-key table, which loads the SDK's credentials, signing, HTTP and JSON code and answers InvalidAccessKeyId.
 * Nothing is written to a table and nothing is published. Request ids and times are made per request, so there
 * is no state to refresh after a restore.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
final class SnapStartPriming implements Resource {
    private static final String BUCKET = "snapstart-priming";
    /** Two adjacent dots make it an invalid name, so no bucket can have it and the HEAD only reads. */
    private static final String IMPOSSIBLE_BUCKET = "snapstart..priming";
    /** Not of the form access keys have (AKIA and 16 upper-case letters or digits), so no key has this id. */
    private static final String IMPOSSIBLE_ACCESS_KEY_ID = "snapstart-priming";
    /** The sandbox's requests need no signature: they never leave this class. */
    private static final Caller SANDBOX_CALLER = Caller.accountRoot(Settings.DEFAULT_ACCOUNT);
    private static final String CONFIGURATION = """
            <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TopicConfiguration>\
            <Topic>arn:aws:sns:us-east-1:123456789012:snapstart-priming</Topic><Event>s3:ObjectCreated:*</Event>\
            <Filter><S3Key><FilterRule><Name>prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter>\
            </TopicConfiguration></NotificationConfiguration>""";

    private final S3Api api;
    private final ApiGatewayRequests requests;
    private final S3Api sandbox;
    private final String region;

    SnapStartPriming(S3Api api, ApiGatewayRequests requests, Settings settings) {
        this.api = api;
        this.requests = requests;
        this.region = settings.region();
        DestinationVerifier none = (bucket, destinations, testEvent) -> new DestinationVerifier.Verification(List.of(), Map.of());
        this.sandbox = new S3Api(request -> SANDBOX_CALLER, new SandboxStore(), new NotificationConfigurationValidator(),
                none, settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            JsonLog.info("primed for SnapStart", "statuses", prime().toString());
        } catch (RuntimeException e) { // a snapshot that is not primed is still correct, only slower to warm up
            JsonLog.error("SnapStart priming failed", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: see the class comment
    }

    /** Sends the sample requests; returns their HTTP statuses, in order. */
    List<Integer> prime() {
        byte[] body = CONFIGURATION.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        String crc32 = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());

        List<Integer> statuses = new ArrayList<>();
        statuses.add(send(sandbox, event("PUT", BUCKET, null, Map.of(), null)));
        statuses.add(send(sandbox, event("PUT", BUCKET, "notification", Map.of(
                "x-amz-skip-destination-validation", "true",
                "x-amz-sdk-checksum-algorithm", "CRC32",
                "x-amz-checksum-crc32", crc32), CONFIGURATION)));
        statuses.add(send(sandbox, event("GET", BUCKET, "notification", Map.of(), null)));
        statuses.add(send(api, event("HEAD", IMPOSSIBLE_BUCKET, null, Map.of(
                "Host", "snapstart.priming",
                "x-amz-date", "20260101T000000Z",
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD",
                "Authorization", "AWS4-HMAC-SHA256 Credential=" + IMPOSSIBLE_ACCESS_KEY_ID + "/20260101/" + region
                        + "/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + "0".repeat(64)),
                null)));
        return statuses;
    }

    private int send(S3Api target, APIGatewayProxyRequestEvent event) {
        return ApiGatewayRequests.toResponseEvent(target.handle(requests.toS3Request(event, "snapstart-priming")))
                .getStatusCode();
    }

    private static APIGatewayProxyRequestEvent event(String method, String bucket, String query,
            Map<String, String> headers, String body) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource("/{bucket}")
                .withPath("/" + bucket)
                .withPathParameters(Map.of("bucket", bucket))
                .withHeaders(headers)
                .withMultiValueHeaders(null)
                .withQueryStringParameters(query == null ? null : Map.of(query, ""))
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    /** Holds the sample bucket while priming; never the real table. */
    private static final class SandboxStore implements BucketStore {
        private final Map<String, BucketState> buckets = new ConcurrentHashMap<>();

        @Override
        public Optional<BucketState> find(String bucketName) {
            return Optional.ofNullable(buckets.get(bucketName));
        }

        @Override
        public Optional<Bucket> create(Bucket bucket) {
            BucketState existing = buckets.putIfAbsent(bucket.name(), new BucketState(bucket, NotificationConfiguration.empty(), 0));
            return Optional.ofNullable(existing).map(BucketState::bucket);
        }

        @Override
        public boolean delete(Bucket bucket) {
            return buckets.remove(bucket.name()) != null;
        }

        @Override
        public List<Bucket> listOwnedBy(String accountId) {
            return buckets.values().stream().map(BucketState::bucket).toList();
        }

        @Override
        public boolean putNotificationConfiguration(Bucket bucket, NotificationConfiguration configuration) {
            return buckets.computeIfPresent(bucket.name(), (name, current) -> new BucketState(bucket, configuration, 1)) != null;
        }

        @Override
        public boolean putPolicy(Bucket bucket, String policy) {
            return buckets.computeIfPresent(bucket.name(), (name, current) -> new BucketState(bucket,
                    current.notificationConfiguration(), current.configurationVersion(), policy)) != null;
        }

        @Override
        public boolean deletePolicy(Bucket bucket) {
            return putPolicy(bucket, null);
        }
    }
}
