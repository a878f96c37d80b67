package dev.s3notifications.priming;

import dev.s3notifications.aws.HttpRehearsal;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.fanout.DeliveryListener;
import dev.s3notifications.fanout.DeliveryLog;
import dev.s3notifications.fanout.DestinationHealthLog;
import dev.s3notifications.fanout.FanOut;
import dev.s3notifications.fanout.NotificationPublisher;
import dev.s3notifications.json.JsonValues;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Primes the fan-out function during init, where Lambda gives it a full CPU burst (unless
 * {@code PRIME_AT_INIT=false}), and again in SnapStart's {@code beforeCheckpoint}, before the snapshot is taken, so
 * that the first batch does not pay for loading and compiling the delivery path. A sample SQS batch, the records of samples of
 * {@code events/sqs} ({@link Samples}) in every form of message the fan-out reads, goes through the function's whole
 * request path as Lambda delivers it ({@link RequestPath}: event JSON, message reading, matching, rendering, response
 * JSON) twice. Its bucket is the samples' bucket with the configuration of the sample PUT, its topics renamed to
 * names SNS refuses, stored in an in-memory bucket store:
 * <ol>
 * <li>over the network, from that in-memory store, through the function's real publisher: SNS refuses the
 * {@code Publish} and the {@code PublishBatch}, so nothing is published, but the connections are open and the SDK's
 * credentials, signing, HTTP and query-protocol code is loaded. One read of a bucket that cannot exist goes to the
 * real table;</li>
 * <li>as a {@linkplain HttpRehearsal rehearsal}, through the real store and publisher, whose SDK clients get
 * success answers instead of the network: the bucket's item as {@link DynamoDbBucketStore} writes it for what the
 * in-memory store holds, and the publishes acknowledged. These are the paths of every real batch, which the
 * refusals cannot reach.</li>
 * </ol>
 * The sample bucket and topics belong to the documentation's example account (123456789012), never to a real
 * caller. Nothing here outlives the priming (the sample store, the rehearsal's answers), so there is nothing to
 * refresh after a restore.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
public final class FanOutPriming implements Resource {
    /** Two adjacent dots make it an invalid name, so no bucket can have it. */
    private static final String IMPOSSIBLE_BUCKET = "fanout..priming";
    /** The batch's messages: a message of each form (one event, a batch of events, S3's own records). */
    private static final List<String> BATCH = List.of("sqs/object-created-put.json", "sqs/s3-event-rerouted.json",
            "sqs/object-events-every-destination.json", "sqs/object-removed-delete.json");
    private static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00.000Z");
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("PublishBatchRequestEntries\\.member\\.\\d+\\.Id=(\\d+)");
    private static final String SNS_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String PUBLISH_RESPONSE = "<PublishResponse xmlns=\"" + SNS_NAMESPACE + "\"><PublishResult>"
            + "<MessageId>rehearsal</MessageId></PublishResult><ResponseMetadata><RequestId>rehearsal</RequestId>"
            + "</ResponseMetadata></PublishResponse>";
    private static final String PUBLISH_BATCH_RESPONSE = "<PublishBatchResponse xmlns=\"" + SNS_NAMESPACE + "\">"
            + "<PublishBatchResult><Successful>%s</Successful><Failed/></PublishBatchResult><ResponseMetadata>"
            + "<RequestId>rehearsal</RequestId></ResponseMetadata></PublishBatchResponse>";
    private static final String NOT_REHEARSED = "<ErrorResponse xmlns=\"" + SNS_NAMESPACE + "\"><Error><Type>Sender</Type>"
            + "<Code>InvalidParameter</Code><Message>not part of the rehearsal</Message></Error>"
            + "<RequestId>rehearsal</RequestId></ErrorResponse>";

    /** The function's request path over a fan-out: the SQS event's JSON in, the batch response's JSON out. */
    @FunctionalInterface
    public interface RequestPath {
        byte[] invoke(FanOut fanOut, byte[] eventJson);
    }

    private final BucketStore realStore;
    private final NotificationPublisher realPublisher;
    private final DestinationHealthLog realHealth;
    private final Settings settings;
    private final RequestPath requestPath;

    public FanOutPriming(BucketStore realStore, NotificationPublisher realPublisher, DestinationHealthLog realHealth,
            Settings settings, RequestPath requestPath) {
        this.realStore = realStore;
        this.realPublisher = realPublisher;
        this.realHealth = realHealth;
        this.settings = settings;
        this.requestPath = requestPath;
    }

    /**
     * Starts init priming before the function is wired: the sample batch through the request path, from the sample
     * bucket in memory to a publisher that takes every delivery, needs nothing of the function, so it runs on a
     * thread of its own while the SDK clients are built, where that overlaps ({@link InitThread}).
     * {@link #primeAtInit(InitThread)} finishes it.
     */
    public static InitThread<Integer> startAtInit(Settings settings, RequestPath requestPath) {
        return InitThread.start("fan-out-priming", () -> JsonLog.quietly(() -> deliver(requestPath,
                Wiring.fanOut(settings, sampleBucket(settings), notifications -> List.of(), DeliveryLog.NONE,
                        DeliveryListener.NONE), batchEvent())));
    }

    /** Primes, all of it on this thread; a failure only leaves the first batch slower, and is logged. */
    public void primeAtInit() {
        AtInit.prime("failedInRehearsal", this::prime);
    }

    /** Finishes init priming begun by {@link #startAtInit}; a failure only leaves the first batch slower, and is logged. */
    public void primeAtInit(InitThread<Integer> local) {
        AtInit.prime("failedInRehearsal", () -> {
            local.join();
            return prime();
        });
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        AtInit.beforeCheckpoint("failedInRehearsal", this::prime);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: see the class comment
    }

    /**
     * Runs the sample batch over the network and then rehearsed; returns how many of its messages failed in the
     * rehearsal (none, unless the store or publisher changed what they send or read).
     */
    int prime() {
        InMemoryBucketStore sample = sampleBucket(settings);
        byte[] batch = batchEvent();
        realStore.find(IMPOSSIBLE_BUCKET);
        // Over the network, to topics SNS refuses (every message fails, on AWS); then rehearsed
        deliver(requestPath, Wiring.fanOut(settings, sample, realPublisher, DeliveryLog.NONE, DeliveryListener.NONE), batch);
        return rehearse(sample, batch);
    }

    /**
     * The sample batch through the real store, publisher and health log, rehearsed, and the metrics as the function
     * writes them (to this thread's quiet log); returns how many messages failed. The health tracker is the
     * rehearsal's own: the function's learns nothing of the sample bucket. A store the SDK does not reach (the local
     * stack's in-memory one) holds no sample bucket: nothing is delivered there, so no health is recorded either.
     */
    int rehearse() {
        return rehearse(sampleBucket(settings), batchEvent());
    }

    private int rehearse(InMemoryBucketStore sampleStore, byte[] batch) {
        Bucket only = sampleStore.listOwnedBy(Settings.DEFAULT_ACCOUNT).get(0);
        BucketState sample = sampleStore.find(only.name()).orElseThrow();
        FanOut fanOut = Wiring.fanOut(settings, realStore, realPublisher, DeliveryLog.NONE,
                Wiring.listeners(realHealth, Wiring.metrics(settings), Clock.systemUTC()));
        return HttpRehearsal.rehearse((request, body) -> answer(request, body, sample),
                () -> deliver(requestPath, fanOut, batch));
    }

    /**
     * The bucket of the sample PUT, in the function's region, in a store of its own, with the configuration the PUT
     * puts, its n-th topic renamed {@code s3-notifications-priming.invalid-<n>} and validated as a PUT validates it.
     */
    private static InMemoryBucketStore sampleBucket(Settings settings) {
        SampleRequest put = SampleRequest.load("put-notification");
        Bucket bucket = new Bucket(put.bucket(), Settings.DEFAULT_ACCOUNT, settings.region(), CREATED_AT);
        NotificationConfiguration configuration = Samples.withImpossibleTopics(
                NotificationConfigurationXml.read(put.body().getBytes(StandardCharsets.UTF_8)), settings.region(), n -> "-" + n);
        InMemoryBucketStore store = new InMemoryBucketStore();
        store.create(bucket);
        store.putNotificationConfiguration(bucket, new NotificationConfigurationValidator().validate(configuration,
                settings.region()));
        return store;
    }

    /** The sample batch, as Lambda hands the function an SQS event. */
    private static byte[] batchEvent() {
        List<Object> records = new ArrayList<>();
        for (String sample : BATCH) {
            for (Object record : (List<?>) Samples.load(sample).get("Records")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> message = (Map<String, Object>) record;
                message.put("messageId", "priming-" + (records.size() + 1)); // the samples share ids; a batch does not
                records.add(message);
            }
        }
        return JsonValues.write(Map.of("Records", records));
    }

    /** Delivers {@code batch} as Lambda would; returns how many of its messages failed. */
    private static int deliver(RequestPath requestPath, FanOut fanOut, byte[] batch) {
        byte[] response = requestPath.invoke(fanOut, batch);
        try {
            return ((List<?>) JsonValues.readObject(new ByteArrayInputStream(response)).get("batchItemFailures")).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rehearsal's answers, as DynamoDB and SNS give them: the sample bucket's item, encoded by the store that
     * reads it, and every entry published.
     */
    private static HttpRehearsal.Answer answer(SdkHttpRequest request, String body, BucketState sample) {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        if (target.endsWith(".GetItem")) {
            return new HttpRehearsal.Answer(200, "application/x-amz-json-1.0", DynamoDbBucketStore.getItemAnswer(sample));
        }
        if (target.endsWith(".UpdateItem")) { // a destination's health record, first seen
            return new HttpRehearsal.Answer(200, "application/x-amz-json-1.0", "{}");
        }
        if (body.contains("Action=PublishBatch&")) {
            Matcher ids = BATCH_ENTRY_ID.matcher(body);
            StringBuilder successful = new StringBuilder();
            while (ids.find()) {
                successful.append("<member><Id>").append(ids.group(1)).append("</Id><MessageId>rehearsal-")
                        .append(ids.group(1)).append("</MessageId></member>");
            }
            return new HttpRehearsal.Answer(200, "text/xml", PUBLISH_BATCH_RESPONSE.formatted(successful));
        }
        if (body.contains("Action=Publish&")) {
            return new HttpRehearsal.Answer(200, "text/xml", PUBLISH_RESPONSE);
        }
        return new HttpRehearsal.Answer(400, "text/xml", NOT_REHEARSED);
    }
}
