package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.testing.ErrorLogLines;
import dev.s3notifications.testing.FuzzReport;
import dev.s3notifications.testing.InMemoryApis;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.testing.SigV4Signing;
import dev.s3notifications.testing.Utf8;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hostile {@code PUT /{bucket}?notification} at a time through the API function as Lambda runs it: the API
 * Gateway event of {@code events/api/put-notification.json} with the fuzzed body and headers, signed again (SigV4,
 * payload hash included) with a key the function knows, handled by the API function's {@link ProxyIntegration} over in-memory stores. Per
 * input it checks the invariants and counts them in a {@link FuzzReport}:
 * <ul>
 * <li>no uncaught exception, no status of 500 or more, no line logged at ERROR (an internal error);
 * <li>a rejected PUT leaves the bucket's state (configuration and version) exactly as it was;
 * <li>an accepted PUT stores a configuration whose GET document, PUT again, is accepted and stored unchanged
 *     (S3's normalised form is a fixed point), and the version grows by one;
 * <li>every answer with a body is well-formed XML.
 * </ul>
 * Jazzer's and jqwik's targets call {@link #check}; it throws {@link AssertionError} on the first violation.
 */
public final class PutNotificationFuzzing {
    static final String BUCKET = "notifications-demo-bucket"; // the bucket of events/api/put-notification.json
    static final String ACCOUNT = "123456789012";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:notifications-demo-topic";
    static final String MISSING_TOPIC = "arn:aws:sns:us-east-1:123456789012:missing";
    static final String BASELINE = "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<TopicConfiguration><Id>baseline</Id><Topic>" + TOPIC + "</Topic><Event>s3:ObjectCreated:*</Event>"
            + "<Filter><S3Key><FilterRule><Name>Prefix</Name><Value>images/</Value></FilterRule></S3Key></Filter>"
            + "</TopicConfiguration></NotificationConfiguration>";

    static final String UNCAUGHT = "uncaught exceptions";
    static final String SERVER_ERROR = "responses with status >= 500";
    static final String ERROR_LOGGED = "lines logged at ERROR (internal errors)";
    static final String REJECTED_CHANGED = "rejected PUTs that changed stored state";
    static final String ACCEPTED_NOT_STORED = "accepted PUTs not stored as answered";
    static final String NOT_A_FIXED_POINT = "accepted configurations whose GET does not PUT back";
    static final String MALFORMED_ANSWER = "answers that are not well-formed XML";

    /** Header choices a fuzzed request can make, as bits. */
    static final int CONTENT_MD5 = 1;
    static final int WRONG_CONTENT_MD5 = 2;
    static final int SKIP_VALIDATION = 4;
    static final int EXPECTED_OWNER = 8;
    static final int OTHER_OWNER = 16;
    static final int BINARY = 32;

    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final ProxyIntegration handler;
    private final SigV4Signing signing;
    private final APIGatewayProxyRequestEvent template;
    private final Bucket bucket = new Bucket(BUCKET, ACCOUNT, "us-east-1", Instant.parse("2026-11-01T00:00:00Z"));
    private final ErrorLogLines errorLines = new ErrorLogLines();
    final FuzzReport report;

    public PutNotificationFuzzing(String target) {
        this(target, Map.of());
    }

    /** @param environment the function's environment variables, e.g. a larger {@code MAX_REQUEST_BODY_BYTES} */
    public PutNotificationFuzzing(String target, Map<String, String> environment) {
        report = new FuzzReport(target, UNCAUGHT, SERVER_ERROR, ERROR_LOGGED, REJECTED_CHANGED, ACCEPTED_NOT_STORED,
                NOT_A_FIXED_POINT, MALFORMED_ANSWER);
        Settings settings = Settings.from(environment);
        var verifier = new RecordingDestinationVerifier().failing(MISSING_TOPIC, "The destination topic does not exist");
        handler = new ProxyIntegration(InMemoryApis.api(store, InMemoryAccessKeyStore.holding(EventsTest.EVENTS_KEY), verifier,
                settings), settings.virtualHostDomains());
        signing = new SigV4Signing(EventsTest.EVENTS_KEY.accessKeyId(), EventsTest.EVENTS_KEY.secretAccessKey(),
                "us-east-1", Clock.systemUTC());
        template = EventLoader.loadApiGatewayRestEvent("events/api/put-notification.json");
        store.create(bucket);
        JsonLog.redirect(errorLines.stream()); // until close(): the function's log lines are counted, not printed
        restoreBaseline();
    }

    /** Gives the function's log back to standard output. */
    public void close() {
        JsonLog.redirect(System.out);
    }

    /** Sends one PUT with {@code body} and the headers {@code flags} choose; checks every invariant; returns the answer. */
    public APIGatewayProxyResponseEvent check(byte[] body, int flags) {
        report.input();
        BucketState before = state();
        APIGatewayProxyResponseEvent response = invoke(put(body, flags));
        int status = response.getStatusCode();
        report.outcome(status + " " + errorCode(response.getBody()));
        if (status >= 500) {
            fail(SERVER_ERROR, body, response.getBody());
        }
        if (response.getBody() != null && !response.getBody().isEmpty()) {
            try {
                S3Xml.parse(response.getBody().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                fail(MALFORMED_ANSWER, body, response.getBody());
            }
        }
        BucketState after = state();
        if (status != 200) {
            if (!after.equals(before)) {
                fail(REJECTED_CHANGED, body, response.getBody());
            }
            return response;
        }
        if (after.configurationVersion() != before.configurationVersion() + 1) {
            fail(ACCEPTED_NOT_STORED, body, "version " + before.configurationVersion() + " -> " + after.configurationVersion());
        }
        // S3's normalised form must be a fixed point: what GET answers, PUT again, is accepted and stored unchanged.
        String stored = get().getBody();
        APIGatewayProxyResponseEvent again = invoke(put(stored.getBytes(StandardCharsets.UTF_8), SKIP_VALIDATION));
        if (again.getStatusCode() != 200 || !state().notificationConfiguration().equals(after.notificationConfiguration())
                || !get().getBody().equals(stored)) {
            fail(NOT_A_FIXED_POINT, body, stored + " -> " + again.getStatusCode() + " " + again.getBody());
        }
        restoreBaseline();
        return response;
    }

    private APIGatewayProxyResponseEvent invoke(APIGatewayProxyRequestEvent event) {
        long errorsBefore = errorLines.count();
        try {
            return handler.handle(event, java.util.UUID.randomUUID().toString());
        } catch (RuntimeException | Error e) {
            report.violation(UNCAUGHT);
            throw new AssertionError(UNCAUGHT + ": " + e, e);
        } finally {
            if (errorLines.count() > errorsBefore) {
                report.violation(ERROR_LOGGED);
                throw new AssertionError(ERROR_LOGGED + ": " + errorLines.last());
            }
        }
    }

    private APIGatewayProxyRequestEvent put(byte[] body, int flags) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api/put-notification.json");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        template.getMultiValueHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!lower.startsWith("x-amz-checksum") && !lower.equals("x-amz-sdk-checksum-algorithm")
                    && !lower.equals("content-length") && !lower.equals("content-md5")) {
                headers.put(name, new ArrayList<>(values));
            }
        });
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        if ((flags & CONTENT_MD5) != 0) {
            headers.put("Content-MD5", List.of(md5((flags & WRONG_CONTENT_MD5) != 0 ? new byte[] {1} : body)));
        } else if ((flags & WRONG_CONTENT_MD5) != 0) {
            headers.put("Content-MD5", List.of("not base64!"));
        }
        if ((flags & SKIP_VALIDATION) != 0) {
            headers.put("x-amz-skip-destination-validation", List.of("true"));
        }
        if ((flags & EXPECTED_OWNER) != 0) {
            headers.put("x-amz-expected-bucket-owner", List.of((flags & OTHER_OWNER) != 0 ? "210987654321" : ACCOUNT));
        } else if ((flags & OTHER_OWNER) != 0) {
            headers.put("x-amz-expected-bucket-owner", List.of("not-an-account"));
        }
        boolean text = (flags & BINARY) == 0 && Utf8.isValid(body);
        if (!text) {
            headers.put("Content-Type", List.of("application/octet-stream"));
        }
        Map<String, String> single = new LinkedHashMap<>();
        headers.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        event.withMultiValueHeaders(headers).withHeaders(single)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!text && body.length > 0);
        return signing.sign(event);
    }

    private APIGatewayProxyResponseEvent get() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api/get-notification.json");
        return invoke(signing.sign(event));
    }

    private BucketState state() {
        Optional<BucketState> state = store.find(BUCKET);
        return state.orElseThrow(() -> new AssertionError("the bucket is gone"));
    }

    private void restoreBaseline() {
        APIGatewayProxyResponseEvent response = invoke(put(BASELINE.getBytes(StandardCharsets.UTF_8), SKIP_VALIDATION));
        if (response.getStatusCode() != 200) {
            throw new AssertionError("the baseline configuration is refused: " + response.getBody());
        }
    }

    private void fail(String invariant, byte[] input, String detail) {
        report.violation(invariant);
        String shown = new String(input, 0, Math.min(input.length, 2000), StandardCharsets.UTF_8);
        throw new AssertionError(invariant + "\n  input (" + input.length + " bytes): " + shown + "\n  detail: "
                + (detail == null ? "" : detail.substring(0, Math.min(detail.length(), 2000))));
    }

    private static String errorCode(String body) {
        if (body == null) {
            return "";
        }
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start < 0 || end < start ? "" : body.substring(start + 6, end);
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
