package dev.s3notifications.api;

import dev.s3notifications.authorization.BucketAction;
import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.DestinationConfiguration;
import dev.s3notifications.domain.DestinationType;
import dev.s3notifications.domain.DestinationVerifier;
import dev.s3notifications.domain.EventType;
import dev.s3notifications.domain.InvalidNotificationConfigurationException;
import dev.s3notifications.domain.NotificationConfiguration;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.domain.TestEvent;
import dev.s3notifications.xml.NotificationConfigurationXml;
import dev.s3notifications.xml.S3Documents;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT} and {@code GET /{bucket}?notification}.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html">PutBucketNotificationConfiguration</a>,
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketNotificationConfiguration.html">GetBucketNotificationConfiguration</a>
 */
final class NotificationOperations {
    static final String SKIP_DESTINATION_VALIDATION_HEADER = "x-amz-skip-destination-validation";

    private final BucketStore store;
    private final BucketAccess access;
    private final NotificationConfigurationValidator validator;
    private final DestinationVerifier verifier;
    private final int maxBodyBytes;
    private final Clock clock;
    private final S3Documents documents;

    NotificationOperations(BucketStore store, NotificationConfigurationValidator validator,
            DestinationVerifier verifier, int maxBodyBytes, Clock clock, S3Documents documents) {
        this.store = store;
        this.access = new BucketAccess(store);
        this.validator = validator;
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.documents = documents;
    }

    S3Response get(S3Request request) {
        var state = access.authorize(request, BucketAction.GET_BUCKET_NOTIFICATION);
        return S3Response.xml(200, documents.notificationConfiguration(state.notificationConfiguration()));
    }

    /**
     * Stores the configuration only once every check has passed; S3 calls this PUT atomic. Test messages already
     * sent to valid destinations stay sent when another destination fails, as on S3.
     */
    S3Response put(S3Request request) {
        Bucket bucket = access.authorize(request, BucketAction.PUT_BUCKET_NOTIFICATION).bucket();
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
            var verification = verifier.verify(bucket, configuration.destinations(), testEvent);
            if (!verification.failures().isEmpty()) {
                throw InvalidNotificationConfigurationException.forDestinations(verification.failures());
            }
            testMessageIds = verification.testMessageIds();
        }
        if (!store.putNotificationConfiguration(bucket, configuration)) {
            throw S3Exception.noSuchBucket(bucket.name()); // deleted while we were validating
        }
        S3Response response = S3Response.ok();
        String legacyTestMessageId = legacyTestMessageId(configuration, testMessageIds);
        return legacyTestMessageId == null ? response : response.withHeader("x-amz-sns-test-message-id", legacyTestMessageId);
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
