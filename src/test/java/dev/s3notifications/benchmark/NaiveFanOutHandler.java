package dev.s3notifications.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.s3notifications.json.ObjectEventJson;
import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.message.S3EventMessage;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.sns.SnsDestinationVerifier;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.store.BucketStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The fan-out done the obvious way, as the benchmark's baseline: for every event, read the bucket's configuration
 * (one GetItem), scan its rules, and Publish each match on its own. Same reader and renderer as the real function,
 * so the difference measured is the cache, the index and the batching.
 */
final class NaiveFanOutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ObjectEventJson reader = new ObjectEventJson();
    private final BucketStore store;
    private final SnsClient sns;

    NaiveFanOutHandler(BucketStore store, SnsClient sns) {
        this.store = store;
        this.sns = sns;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (ObjectEvent objectEvent : reader.read(message.getBody())) {
                    Optional<BucketState> state = store.find(objectEvent.bucket());
                    if (state.isEmpty()) {
                        continue;
                    }
                    String key = ObjectKeys.encode(objectEvent.key());
                    BucketIdentity bucket = BucketIdentity.of(state.get().bucket());
                    for (DestinationConfiguration d : state.get().notificationConfiguration().destinationsOf(DestinationType.TOPIC)) {
                        if ((d.eventMask() & objectEvent.type().bit()) != 0 && key.startsWith(d.prefix()) && key.endsWith(d.suffix())) {
                            String body = S3EventMessage.render(objectEvent, key, bucket, d.id());
                            sns.publish(b -> b.topicArn(d.arn()).subject(SnsDestinationVerifier.SUBJECT).message(body));
                        }
                    }
                }
            } catch (RuntimeException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
