package dev.s3notifications.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.s3notifications.api.NotificationHealth;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.dynamodb.SerializingInMemoryBucketStore;
import dev.s3notifications.handler.ProxyIntegration;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.SigV4Signing;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.xml.NotificationConfigurationXml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The API function's own work for one {@code PUT ?notification} and one {@code GET ?notification} (docs/benchmarks.md,
 * target 4): the Lambda event's JSON in, through the stream handler (event reading, SigV4 verification of the request
 * signed once at set-up, routing, authorization, XML parsing, validation, normalisation, the DynamoDB item the store
 * would write), and the response JSON out. Storage and access keys are in memory (the store still builds the
 * DynamoDB item); destinations are accepted without a network call.
 *
 * <p>Beside it, what the request costs without parts of that path, to show where the time goes: {@code putUnsigned}
 * is the same PUT unsigned (the local tooling's {@code UNSIGNED_REQUESTS_ACCOUNT_ID} path: no SigV4 verification, so
 * no SHA-256 of the body and no HMAC chain), and {@code putDocument} is the document's own work alone, the four
 * steps of a configuration document: parse the XML, validate, normalise, serialise (the XML a GET answers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PutNotificationBenchmark {
    static final AccessKey KEY = new AccessKey("AKIABENCHMARKEXAMPLE", "benchmark/example/secret/key", Settings.DEFAULT_ACCOUNT,
            "arn:aws:iam::" + Settings.DEFAULT_ACCOUNT + ":root", true);

    @Param({"1", "10", "100"})
    public int configurations;

    private ProxyIntegration handler;
    private ProxyIntegration unsignedHandler;
    private byte[] putEvent;
    private byte[] unsignedPutEvent;
    private byte[] document;
    private final NotificationConfigurationValidator validator = new NotificationConfigurationValidator();
    private byte[] getEvent;
    private static final String INVOCATION_ID = "1b2c3d4e-benchmark-invocation";

    @Setup
    public void setUp() throws IOException {
        Settings settings = Settings.from(Map.of());
        SerializingInMemoryBucketStore store = new SerializingInMemoryBucketStore();
        store.create(new Bucket("benchmark-bucket", Settings.DEFAULT_ACCOUNT, "us-east-1", Instant.parse("2026-01-01T00:00:00Z")));
        DestinationVerifier accepting = (destinations, testMessage) -> new DestinationVerifier.Verification(List.of(), Map.of());
        InMemoryAccessKeyStore keys = InMemoryAccessKeyStore.holding(KEY);
        handler = new ProxyIntegration(new S3Api(new S3RequestAuthenticator(keys, "us-east-1", Clock.systemUTC(), null), store,
                new NotificationConfigurationValidator(), accepting, "us-east-1", Settings.DEFAULT_MAX_REQUEST_BODY_BYTES,
                Clock.systemUTC(), NotificationHealth.NONE), settings.virtualHostDomains());
        unsignedHandler = new ProxyIntegration(new S3Api(new S3RequestAuthenticator(keys, "us-east-1", Clock.systemUTC(),
                Settings.DEFAULT_ACCOUNT), store, new NotificationConfigurationValidator(), accepting, "us-east-1",
                Settings.DEFAULT_MAX_REQUEST_BODY_BYTES, Clock.systemUTC(), NotificationHealth.NONE), settings.virtualHostDomains());
        document = configuration(configurations).getBytes(StandardCharsets.UTF_8);
        putEvent = event("PUT", configuration(configurations));
        unsignedPutEvent = event("PUT", configuration(configurations), false);
        String unsigned = new String(call(unsignedHandler, unsignedPutEvent), StandardCharsets.UTF_8);
        if (!unsigned.contains("\"statusCode\":200") || putDocument().isEmpty()) {
            throw new IllegalStateException("the unsigned sample request fails: " + unsigned);
        }
        getEvent = event("GET", null);
        String put = new String(call(putEvent), StandardCharsets.UTF_8);
        String get = new String(call(getEvent), StandardCharsets.UTF_8);
        if (!put.contains("\"statusCode\":200") || !get.contains("\"statusCode\":200") || !get.contains("config-" + (configurations - 1))) {
            throw new IllegalStateException("the sample requests fail: " + put + " / " + get);
        }
    }

    @Benchmark
    public byte[] put() throws IOException {
        return call(putEvent);
    }

    @Benchmark
    public byte[] get() throws IOException {
        return call(getEvent);
    }

    @Benchmark
    public byte[] putUnsigned() throws IOException {
        return call(unsignedHandler, unsignedPutEvent);
    }

    @Benchmark
    public String putDocument() {
        return NotificationConfigurationXml.write(validator.validate(NotificationConfigurationXml.read(document), "us-east-1"));
    }

    private byte[] call(byte[] event) throws IOException {
        return call(handler, event);
    }

    private byte[] call(ProxyIntegration target, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        target.handle(new ByteArrayInputStream(event), out, INVOCATION_ID);
        return out.toByteArray();
    }

    /** A configuration of {@code n} topic configurations, each with its own prefix (so they do not overlap). */
    public static String configuration(int n) {
        StringBuilder xml = new StringBuilder("<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < n; i++) {
            xml.append("<TopicConfiguration><Id>config-").append(i).append("</Id><Topic>arn:aws:sns:us-east-1:123456789012:topic-")
                    .append(i % 10).append("</Topic><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:Delete</Event>")
                    .append("<Filter><S3Key><FilterRule><Name>prefix</Name><Value>tenant-").append(i)
                    .append("/images/</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.jpg</Value></FilterRule>")
                    .append("</S3Key></Filter></TopicConfiguration>");
        }
        return xml.append("</NotificationConfiguration>").toString();
    }

    /**
     * The API Gateway REST proxy event of the request, signed (SigV4, as the AWS SDKs sign for s3), as the function
     * receives it: JSON written by the Lambda runtime's own serializer.
     */
    static byte[] event(String method, String body) {
        return event(method, body, true);
    }

    static byte[] event(String method, String body, boolean signed) {
        Map<String, String> headers = Map.of("Host", "api.example.com", "Content-Type", "application/xml");
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withResource("/{bucket}")
                .withPath("/benchmark-bucket").withHttpMethod(method).withHeaders(headers)
                .withMultiValueHeaders(Map.of("Host", List.of("api.example.com"), "Content-Type", List.of("application/xml")))
                .withQueryStringParameters(Map.of("notification", ""))
                .withMultiValueQueryStringParameters(Map.of("notification", List.of("")))
                .withPathParameters(Map.of("bucket", "benchmark-bucket"))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withResourcePath("/{bucket}")
                        .withHttpMethod(method).withPath("/benchmark-bucket").withDomainName("api.example.com")
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("203.0.113.7")))
                .withBody(body).withIsBase64Encoded(false);
        if (signed) {
            new SigV4Signing(KEY.accessKeyId(), KEY.secretAccessKey(), "us-east-1", Clock.systemUTC()).sign(event);
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, PutNotificationBenchmark.class.getClassLoader())
                .toJson(event, json);
        return json.toByteArray();
    }
}
