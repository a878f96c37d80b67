package dev.s3notifications.handler;

import dev.s3notifications.api.NotificationHealth;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.message.JsonText;
import dev.s3notifications.notification.Arn;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.wiring.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Primes the API function, so that its first request does not pay for loading and compiling the request path (the
 * bulk of a Java cold start): once during init, where Lambda gives the function a full CPU burst before the first
 * request, and again in SnapStart's {@code beforeCheckpoint}, before the snapshot is taken. Sample requests go
 * through the whole path as Lambda delivers them (event JSON, proxy event, XML parsing, validation, checksum, XML
 * rendering, response JSON) against an in-memory bucket, signed with SigV4 by a key pair made up for the occasion
 * that only the sandbox's own authenticator knows; one request signed with an access key that cannot exist goes
 * through the real authenticator to the real access-key table (and is answered InvalidAccessKeyId); the real
 * buckets table gets a read of a bucket that cannot exist, and a conditional write to that bucket, which its
 * condition (the bucket must exist) refuses; and one PUT names a topic that cannot exist so that the test message
 * goes to the real SNS and is refused there. That loads the SDK's credentials, signing, HTTP, JSON and XML protocol
 * code for both services. Nothing is written to a table (the refused write is billed as one write request) and
 * nothing is published. Request ids and times are made per request, so there is no state to refresh after a
 * restore.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
final class SnapStartPriming implements Resource {
    private static final String BUCKET = "snapstart-priming";
    /** Two adjacent dots make it an invalid name: no bucket can have it, so reads find nothing and writes are refused. */
    private static final String IMPOSSIBLE_BUCKET = "snapstart..priming";
    /** SNS topic names are letters, digits, hyphens and underscores (and a ".fifo" end): SNS refuses this one. */
    private static final String IMPOSSIBLE_TOPIC = "s3-notifications-priming.invalid";
    /** Not of the form access keys have (AKIA and 16 upper-case letters or digits), so no key has this id. */
    private static final String IMPOSSIBLE_ACCESS_KEY_ID = "snapstart-priming";
    /** The account of the sandbox's key pair and sample bucket and topics: the documentation's example account. */
    private static final Caller SANDBOX_CALLER = Caller.accountRoot(Settings.DEFAULT_ACCOUNT);
    private static final String SANDBOX_HOST = "snapstart.priming";
    private static final String CONFIGURATION = """
            <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TopicConfiguration>\
            <Topic>%s</Topic><Event>s3:ObjectCreated:*</Event>\
            <Filter><S3Key><FilterRule><Name>prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter>\
            </TopicConfiguration></NotificationConfiguration>""";

    private final S3Api api;
    private final ApiGatewayRequests requests;
    private final S3Api sandbox;
    private final S3Api sandboxWithRealDestinations;
    private final String topicArn;
    private final String impossibleTopicArn;
    private final String region;
    private final BucketStore realStore;
    /** Made up per instance and known only to the sandbox's authenticator. */
    private final AccessKey sandboxKey = new AccessKey("AKIASNAPSTARTPRIMING", UUID.randomUUID().toString(),
            SANDBOX_CALLER.accountId(), SANDBOX_CALLER.principalArn(), true);

    /** Primes without the real destinations and store: the test-message and write paths are left cold. */
    SnapStartPriming(S3Api api, ApiGatewayRequests requests, Settings settings) {
        this(api, requests, settings, null, null);
    }

    /**
     * @param realVerifier the function's own destination verifier (real SNS), or null
     * @param realStore    the function's own bucket store (the real table), or null
     */
    SnapStartPriming(S3Api api, ApiGatewayRequests requests, Settings settings, DestinationVerifier realVerifier,
            BucketStore realStore) {
        this.api = api;
        this.requests = requests;
        this.region = settings.region();
        this.realStore = realStore;
        DestinationVerifier none = (destinations, testMessage) -> new DestinationVerifier.Verification(List.of(), Map.of());
        this.sandbox = sandbox(none, settings);
        this.sandboxWithRealDestinations = realVerifier == null ? null : sandbox(realVerifier, settings);
        String topicPrefix = "arn:" + Arn.partitionOf(settings.region()) + ":sns:" + settings.region() + ":"
                + SANDBOX_CALLER.accountId() + ":";
        this.topicArn = topicPrefix + "snapstart-priming";
        this.impossibleTopicArn = topicPrefix + IMPOSSIBLE_TOPIC;
    }

    private S3Api sandbox(DestinationVerifier verifier, Settings settings) {
        S3RequestAuthenticator authenticator = new S3RequestAuthenticator(
                id -> id.equals(sandboxKey.accessKeyId()) ? Optional.of(sandboxKey) : Optional.empty(),
                settings.region(), Clock.systemUTC(), null);
        return new S3Api(authenticator, new InMemoryBucketStore(), new NotificationConfigurationValidator(), verifier,
                settings.region(), settings.maxRequestBodyBytes(), Clock.systemUTC(), NotificationHealth.NONE);
    }

    /** Primes during init; a failure only leaves the first request slower, and is logged. */
    void primeAtInit() {
        long started = System.nanoTime();
        try {
            List<Integer> statuses = JsonLog.quietly(this::prime);
            JsonLog.info("primed at init", "statuses", statuses.toString(),
                    "millis", Long.toString((System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            JsonLog.error("priming at init failed", e);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            JsonLog.info("primed for SnapStart", "statuses", JsonLog.quietly(this::prime).toString());
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
        byte[] body = CONFIGURATION.formatted(topicArn).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        String crc32 = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());

        List<Integer> statuses = new ArrayList<>();
        statuses.add(send(sandbox, signed("PUT", BUCKET, null, Map.of(), null)));
        statuses.add(send(sandbox, signed("PUT", BUCKET, "notification", Map.of(
                "x-amz-skip-destination-validation", "true",
                "x-amz-sdk-checksum-algorithm", "CRC32",
                "x-amz-checksum-crc32", crc32), new String(body, StandardCharsets.UTF_8))));
        statuses.add(send(sandbox, signed("GET", BUCKET, "notification", Map.of(), null)));
        statuses.add(send(api, event("HEAD", IMPOSSIBLE_BUCKET, null, Map.of(
                "Host", "snapstart.priming",
                "x-amz-date", "20260101T000000Z",
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD",
                "Authorization", "AWS4-HMAC-SHA256 Credential=" + IMPOSSIBLE_ACCESS_KEY_ID + "/20260101/" + region
                        + "/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + "0".repeat(64)),
                null)));
        if (sandboxWithRealDestinations != null) {
            statuses.add(send(sandboxWithRealDestinations, signed("PUT", BUCKET, null, Map.of(), null)));
            statuses.add(send(sandboxWithRealDestinations, signed("PUT", BUCKET, "notification", Map.of(),
                    CONFIGURATION.formatted(impossibleTopicArn))));
        }
        if (realStore != null) {
            // The bucket cannot exist, so the conditional write (the bucket must be there, same owner and creation
            // time) is refused by DynamoDB and writes nothing; it loads the UpdateItem path and the item encoding.
            Bucket impossible = new Bucket(IMPOSSIBLE_BUCKET, SANDBOX_CALLER.accountId(), region, Instant.EPOCH);
            statuses.add(realStore.find(IMPOSSIBLE_BUCKET).isPresent() ? 200 : 404);
            statuses.add(realStore.putNotificationConfiguration(impossible,
                    new NotificationConfigurationValidator().validate(sandboxConfiguration(), region)) ? 200 : 404);
        }
        return statuses;
    }

    /** One request the way the stream handler takes it: event JSON in, response JSON out. */
    private int send(S3Api target, byte[] eventJson) {
        try {
            var event = LambdaEventJson.readApiGatewayEvent(new ByteArrayInputStream(eventJson));
            var response = ApiGatewayRequests.toResponseEvent(target.handle(requests.toS3Request(event, "snapstart-priming")));
            LambdaEventJson.writeApiGatewayResponse(response, new ByteArrayOutputStream());
            return response.getStatusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sandbox bucket's configuration, as the sandbox stored it. */
    private dev.s3notifications.notification.NotificationConfiguration sandboxConfiguration() {
        return dev.s3notifications.xml.NotificationConfigurationXml.read(
                CONFIGURATION.formatted(topicArn).getBytes(StandardCharsets.UTF_8));
    }

    /** The event of a request signed with the sandbox's key, as an S3 client signs it (SigV4, payload hash). */
    private byte[] signed(String method, String bucket, String query, Map<String, String> headers, String body) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol("https").host(SANDBOX_HOST).encodedPath("/" + bucket);
        if (query != null) {
            unsigned.putRawQueryParameter(query, "");
        }
        headers.forEach(unsigned::putHeader);
        unsigned.putHeader("Host", SANDBOX_HOST);
        SdkHttpRequest request = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(sandboxKey.accessKeyId(), sandboxKey.secretAccessKey()))
                .request(unsigned.build()).payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        request.forEachHeader((name, values) -> signedHeaders.put(name, values.get(0)));
        return event(method, bucket, query, signedHeaders, body);
    }

    /** An API Gateway REST proxy event, as API Gateway sends it for {@code /{bucket}}. */
    private static byte[] event(String method, String bucket, String query, Map<String, String> headers, String body) {
        StringBuilder json = new StringBuilder(512).append("{\"resource\":\"/{bucket}\",\"path\":\"/").append(bucket)
                .append("\",\"httpMethod\":\"").append(method).append("\",\"headers\":{");
        String separator = "";
        for (Map.Entry<String, String> header : headers.entrySet()) {
            JsonText.appendString(json.append(separator), header.getKey()).append(':');
            JsonText.appendString(json, header.getValue());
            separator = ",";
        }
        json.append("},\"multiValueHeaders\":null,\"queryStringParameters\":")
                .append(query == null ? "null" : "{\"" + query + "\":\"\"}")
                .append(",\"multiValueQueryStringParameters\":null,\"pathParameters\":{\"bucket\":\"").append(bucket)
                .append("\"},\"requestContext\":{\"resourcePath\":\"/{bucket}\",\"httpMethod\":\"").append(method)
                .append("\",\"identity\":{\"sourceIp\":\"127.0.0.1\"}},\"body\":");
        if (body == null) {
            json.append("null");
        } else {
            JsonText.appendString(json, body);
        }
        return json.append(",\"isBase64Encoded\":false}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
