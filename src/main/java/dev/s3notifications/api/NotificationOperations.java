package dev.s3notifications.api;

import dev.s3notifications.authorization.BucketAction;
import dev.s3notifications.fanout.Destination;
import dev.s3notifications.fanout.DestinationHealth;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.message.TestEvent;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.InvalidNotificationConfigurationException;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.DependencyUnavailableException;
import dev.s3notifications.xml.NotificationConfigurationXml;
import dev.s3notifications.xml.NotificationHealthXml;
import dev.s3notifications.xml.S3Documents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT} and {@code GET /{bucket}?notification}.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html">PutBucketNotificationConfiguration</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketNotificationConfiguration.html">GetBucketNotificationConfiguration</a>
 */
final class NotificationOperations {
    static final String SKIP_DESTINATION_VALIDATION_HEADER = "x-amz-skip-destination-validation";
    /** Our addition to S3's subresources: how deliveries to each destination of the bucket have gone. */
    static final String HEALTH_SELECTOR = "notification-health";

    private final BucketStore store;
    private final BucketLookup access;
    private final NotificationConfigurationValidator validator;
    private final DestinationVerifier verifier;
    private final int maxBodyBytes;
    private final Clock clock;
    private final NotificationHealth health;

    NotificationOperations(BucketStore store, NotificationConfigurationValidator validator,
            DestinationVerifier verifier, int maxBodyBytes, Clock clock, NotificationHealth health) {
        this.store = store;
        this.access = new BucketLookup(store);
        this.validator = validator;
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.health = health;
    }

    S3Response get(S3Request request) {
        var state = access.authorize(request, BucketAction.GET_BUCKET_NOTIFICATION);
        return S3Response.xml(200, S3Documents.notificationConfiguration(state.notificationConfiguration()));
    }

    /**
     * Stores the configuration only once every check has passed; S3 calls this PUT atomic. Test messages already
     * sent to valid destinations stay sent when another destination fails, as on S3.
     */
    S3Response put(S3Request request) {
        BucketState state = access.authorize(request, BucketAction.PUT_BUCKET_NOTIFICATION);
        Bucket bucket = state.bucket();
        byte[] body = request.body();
        if (body.length > maxBodyBytes) {
            throw new S3Exception(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        if (body.length == 0) {
            throw new S3Exception(S3Error.MISSING_REQUEST_BODY);
        }
        RequestIntegrity.verify(request);
        NotificationConfiguration configuration =
                validator.validate(NotificationConfigurationXml.read(body), bucket.region());

        Map<String, String> testMessageIds = Map.of();
        if (!"true".equalsIgnoreCase(request.header(SKIP_DESTINATION_VALIDATION_HEADER))) {
            var testEvent = new TestEvent(bucket.name(), clock.instant(), request.requestId(), request.hostId());
            var verification = verifier.verify(configuration.destinations(), testEvent.toJson());
            if (!verification.failures().isEmpty()) {
                throw InvalidNotificationConfigurationException.forDestinations(verification.failures());
            }
            testMessageIds = verification.testMessageIds();
        }
        if (!store.putNotificationConfiguration(bucket, configuration)) {
            throw S3Exception.noSuchBucket(bucket.name()); // deleted while we were validating
        }
        forgetDroppedDestinations(bucket, state.notificationConfiguration(), configuration);
        S3Response response = S3Response.ok();
        String legacyTestMessageId = legacyTestMessageId(configuration, testMessageIds);
        return legacyTestMessageId == null ? response : response.withHeader("x-amz-sns-test-message-id", legacyTestMessageId);
    }

    /**
     * {@code GET ?notification-health}, for whoever may read the configuration: each destination it names (and the
     * EventBridge bus, when it is on) with what the fan-out recorded of its deliveries.
     */
    S3Response health(S3Request request) {
        BucketState state = access.authorize(request, BucketAction.GET_BUCKET_NOTIFICATION);
        Map<Destination, List<String>> configurations = destinations(state.notificationConfiguration());
        Map<Destination, DestinationHealth> recorded = health.log().read(state.bucket().name(), configurations.keySet());
        List<NotificationHealthXml.Row> rows = new ArrayList<>();
        configurations.forEach((destination, ids) -> {
            DestinationHealth found = recorded.get(destination);
            String type = switch (destination.kind()) {
                case TOPIC -> "Topic";
                case QUEUE -> "Queue";
                case FUNCTION -> "CloudFunction";
                case EVENT_BUS -> "EventBridge";
            };
            rows.add(found == null ? new NotificationHealthXml.Row(type, destination.address(), ids, null, null, null, null,
                    null, null, null)
                    : new NotificationHealthXml.Row(type, destination.address(), ids, found.delivered(), found.failed(),
                            found.lastSuccess(), found.lastFailure(),
                            found.lastCause() == null ? null : found.lastCause().code(),
                            found.lastCause() == null ? null : found.lastCause().message(), found.failingSince()));
        });
        return S3Response.xml(200, NotificationHealthXml.write(rows));
    }

    /** The destinations a configuration delivers to, each with the Ids of the configurations that name it. */
    private Map<Destination, List<String>> destinations(NotificationConfiguration configuration) {
        Map<Destination, List<String>> destinations = new LinkedHashMap<>();
        for (DestinationConfiguration destination : configuration.destinations()) {
            destinations.computeIfAbsent(Destination.of(destination), any -> new ArrayList<>()).add(destination.id());
        }
        if (configuration.eventBridgeEnabled()) {
            destinations.put(health.eventBus(), List.of());
        }
        return destinations;
    }

    /** Drops the health of destinations the new configuration no longer has; losing this only leaves stale records. */
    private void forgetDroppedDestinations(Bucket bucket, NotificationConfiguration before, NotificationConfiguration after) {
        Set<Destination> dropped = new LinkedHashSet<>(destinations(before).keySet());
        dropped.removeAll(destinations(after).keySet());
        if (dropped.isEmpty()) {
            return;
        }
        try {
            health.log().forget(bucket.name(), dropped);
        } catch (DependencyUnavailableException e) {
            JsonLog.warn("could not drop the health of destinations the configuration no longer has",
                    "bucket", bucket.name(), "destinations", Integer.toString(dropped.size()), "reason", e.getMessage());
        }
    }

    /**
     * The 2010 API answered a configuration of one topic for {@code s3:ReducedRedundancyLostObject} with the id of
     * the test message, and S3 still does.
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotification.html">PutBucketNotification</a>
     */
    private static String legacyTestMessageId(NotificationConfiguration configuration, Map<String, String> testMessageIds) {
        List<DestinationConfiguration> destinations = configuration.destinations();
        if (destinations.size() != 1) {
            return null;
        }
        DestinationConfiguration only = destinations.get(0);
        boolean legacyShape = only.type() == DestinationType.TOPIC
                && only.events().equals(List.of(EventType.REDUCED_REDUNDANCY_LOST_OBJECT.s3Name()));
        return legacyShape ? testMessageIds.get(only.arn()) : null;
    }
}
