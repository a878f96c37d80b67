package dev.s3notifications.priming;

import dev.s3notifications.api.NotificationHealth;
import dev.s3notifications.api.S3Api;
import dev.s3notifications.authentication.S3RequestAuthenticator;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.json.JsonValues;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.wiring.InitThread;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import dev.s3notifications.xml.NotificationConfigurationXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crac.Context;
import org.crac.Resource;

/**
 * Primes the API function, so that its first request does not pay for loading and compiling the request path (the
 * bulk of a Java cold start): at init, where Lambda gives the function a full CPU burst before the first request
 * (unless {@code PRIME_AT_INIT=false}), and again in SnapStart's {@code beforeCheckpoint}, before the snapshot is
 * taken. The requests are samples of {@code events/api} ({@link Samples}), each signed again and sent through the
 * function's whole request path as Lambda delivers it ({@link RequestPath}: event JSON, proxy event, XML parsing,
 * validation, checksum, XML rendering, response JSON):
 * <ol>
 * <li>to a sandbox: an API of its own over an in-memory bucket store, in the region the samples were recorded in,
 * whose authenticator knows only a key pair made up for the occasion, with which the samples are signed (SigV4,
 * payload hash): the sample bucket is created, its configuration put (its checksum checked, destination validation
 * skipped) and read back;</li>
 * <li>to the function's own API, one request signed with an access key that cannot exist: the real authenticator
 * asks the real access-key table and answers InvalidAccessKeyId;</li>
 * <li>unless {@linkplain #requestPathOnly primed without them}, to the function's own destination verifier and
 * bucket store: a sandbox with the real verifier gets the sample configuration with its topics renamed to one SNS
 * refuses, so that the test message goes to the real SNS and is refused there; the real buckets table gets a read
 * of a bucket that cannot exist, and a conditional write of the sandbox's configuration to it, which its condition
 * (the bucket must exist) refuses.</li>
 * </ol>
 * That loads the SDK's credentials, signing, HTTP, JSON and XML protocol code for both services. Nothing is written
 * to a table (the refused write is billed as one write request) and nothing is published. Sandboxes, keys, request
 * ids and times are made per priming, so there is no state to refresh after a restore.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
public final class ApiPriming implements Resource {
    /** Two adjacent dots make it an invalid name: no bucket can have it, so reads find nothing and writes are refused. */
    private static final String IMPOSSIBLE_BUCKET = "api..priming";
    /** Not of the form access keys have (AKIA and 16 upper-case letters or digits), so no key has this id. */
    private static final String IMPOSSIBLE_ACCESS_KEY_ID = "api-priming";
    /** The account of the sandbox's key pair: the documentation's example account, as in the samples. */
    private static final Caller SANDBOX_CALLER = Caller.accountRoot(Settings.DEFAULT_ACCOUNT);
    private static final String SKIP_DESTINATION_VALIDATION = "x-amz-skip-destination-validation";
    private static final DestinationVerifier ACCEPTING =
            (destinations, testMessage) -> new DestinationVerifier.Verification(List.of(), Map.of());

    /** The function's request path over an API: the event's JSON in, the response's JSON out, as Lambda passes them. */
    @FunctionalInterface
    public interface RequestPath {
        byte[] invoke(S3Api api, byte[] eventJson);
    }

    private final S3Api api;
    /** The function whose destination verifier and bucket store get requests too; null to leave them cold. */
    private final Wiring.ApiFunction function;
    private final RequestPath requestPath;
    private final Settings settings;

    /** Primes everything above, through the function's own API, destination verifier and bucket store. */
    public ApiPriming(Wiring.ApiFunction function, Settings settings, RequestPath requestPath) {
        this(function.api(), function, settings, requestPath);
    }

    /** Primes the sandbox and the real API's key lookup only: the real SNS and buckets table stay cold. */
    public static ApiPriming requestPathOnly(S3Api api, Settings settings, RequestPath requestPath) {
        return new ApiPriming(api, null, settings, requestPath);
    }

    private ApiPriming(S3Api api, Wiring.ApiFunction function, Settings settings, RequestPath requestPath) {
        this.api = api;
        this.function = function;
        this.requestPath = requestPath;
        this.settings = settings;
    }

    /** What the sandbox's requests answered, and the configuration its PUT stored. */
    public record SandboxRun(List<Integer> statuses, NotificationConfiguration stored) {
    }

    /**
     * Starts init priming before the function is wired: the sandbox's requests need nothing of the function, so they
     * run on a thread of their own while the SDK clients are built, where that overlaps ({@link InitThread}).
     * {@link #primeAtInit(InitThread)} finishes it.
     */
    public static InitThread<SandboxRun> startAtInit(Settings settings, RequestPath requestPath) {
        return InitThread.start("api-priming", () -> JsonLog.quietly(() -> primeSandbox(settings, requestPath)));
    }

    /** Finishes init priming begun by {@link #startAtInit}; a failure only leaves the first request slower, and is logged. */
    public void primeAtInit(InitThread<SandboxRun> sandbox) {
        AtInit.prime("statuses", () -> primeFunction(sandbox.join()));
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        AtInit.beforeCheckpoint("statuses", this::prime);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: see the class comment
    }

    /** Sends the requests; returns their HTTP statuses, in order. */
    List<Integer> prime() {
        return primeFunction(primeSandbox(settings, requestPath));
    }

    /** The sandbox's requests: the sample bucket created, its configuration put and read back. */
    private static SandboxRun primeSandbox(Settings settings, RequestPath requestPath) {
        AccessKey sandboxKey = sandboxKey();
        InMemoryBucketStore sandboxStore = new InMemoryBucketStore();
        S3Api sandbox = sandbox(settings, sandboxKey, ACCEPTING, sandboxStore);
        SampleRequest put = SampleRequest.load("put-notification").withHeader(SKIP_DESTINATION_VALIDATION, "true");
        List<Integer> statuses = List.of(
                send(requestPath, sandbox, SampleRequest.load("create-bucket").signedWith(sandboxKey, Samples.REGION)),
                send(requestPath, sandbox, put.signedWith(sandboxKey, Samples.REGION)),
                send(requestPath, sandbox, SampleRequest.load("get-notification").signedWith(sandboxKey, Samples.REGION)));
        return new SandboxRun(statuses, sandboxStore.find(put.bucket()).map(BucketState::notificationConfiguration)
                .orElse(NotificationConfiguration.empty()));
    }

    /** After the sandbox's: the requests to the function's own API and its real dependencies; every status, in order. */
    private List<Integer> primeFunction(SandboxRun sandbox) {
        List<Integer> statuses = new ArrayList<>(sandbox.statuses());
        AccessKey impossible = new AccessKey(IMPOSSIBLE_ACCESS_KEY_ID, UUID.randomUUID().toString(),
                SANDBOX_CALLER.accountId(), SANDBOX_CALLER.principalArn(), true);
        statuses.add(send(requestPath, api, SampleRequest.load("head-bucket-missing").signedWith(impossible, settings.region())));
        if (function != null) {
            statuses.addAll(sendTheTestMessageToAnImpossibleTopic(function.destinationVerifier()));
            statuses.addAll(tryARefusedWrite(function.store(), sandbox.stored()));
        }
        return statuses;
    }

    /**
     * In a sandbox with the function's destination verifier: the sample bucket, and the sample configuration with
     * every topic renamed to one that SNS refuses; destination validation sends it the test message.
     */
    private List<Integer> sendTheTestMessageToAnImpossibleTopic(DestinationVerifier realVerifier) {
        AccessKey sandboxKey = sandboxKey();
        S3Api sandbox = sandbox(settings, sandboxKey, realVerifier, new InMemoryBucketStore());
        SampleRequest put = SampleRequest.load("put-notification");
        put.withBody(NotificationConfigurationXml.write(Samples.withImpossibleTopics(
                NotificationConfigurationXml.read(put.body().getBytes(StandardCharsets.UTF_8)), Samples.REGION, n -> "")));
        return List.of(send(requestPath, sandbox, SampleRequest.load("create-bucket").signedWith(sandboxKey, Samples.REGION)),
                send(requestPath, sandbox, put.signedWith(sandboxKey, Samples.REGION)));
    }

    /**
     * The function's bucket store reads a bucket that cannot exist, and writes the sandbox's configuration to it:
     * the conditional write (the bucket must be there, same owner and creation time) is refused and writes nothing;
     * it loads the UpdateItem path and the item encoding.
     */
    private List<Integer> tryARefusedWrite(BucketStore realStore, NotificationConfiguration sandboxConfiguration) {
        Optional<BucketState> found = realStore.find(IMPOSSIBLE_BUCKET);
        Bucket impossible = new Bucket(IMPOSSIBLE_BUCKET, SANDBOX_CALLER.accountId(), settings.region(), Instant.EPOCH);
        return List.of(found.isPresent() ? 200 : 404,
                realStore.putNotificationConfiguration(impossible, sandboxConfiguration) ? 200 : 404);
    }

    /** Made up per priming, and known only to the sandbox's authenticator. */
    private static AccessKey sandboxKey() {
        return new AccessKey("AKIAAPIPRIMINGSANDBX", UUID.randomUUID().toString(), SANDBOX_CALLER.accountId(),
                SANDBOX_CALLER.principalArn(), true);
    }

    /** An API of its own, in the samples' region, over {@code store}, that knows only {@code key}. */
    private static S3Api sandbox(Settings settings, AccessKey key, DestinationVerifier verifier, BucketStore store) {
        S3RequestAuthenticator authenticator = new S3RequestAuthenticator(
                id -> id.equals(key.accessKeyId()) ? Optional.of(key) : Optional.empty(),
                Samples.REGION, Clock.systemUTC(), null);
        return new S3Api(authenticator, store, new NotificationConfigurationValidator(), verifier, Samples.REGION,
                settings.maxRequestBodyBytes(), Clock.systemUTC(), NotificationHealth.NONE);
    }

    /** One request through the function's request path; its HTTP status. */
    private static int send(RequestPath requestPath, S3Api target, byte[] eventJson) {
        try {
            Map<String, Object> response = JsonValues.readObject(new ByteArrayInputStream(requestPath.invoke(target, eventJson)));
            return ((Number) response.get("statusCode")).intValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
