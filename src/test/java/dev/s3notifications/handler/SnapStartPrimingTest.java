package dev.s3notifications.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.testing.CountingAccessKeyStore;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.wiring.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final CountingAccessKeyStore keys = new CountingAccessKeyStore(InMemoryAccessKeyStore.holding(EventsTest.EVENTS_KEY));
    private final RecordingDestinationVerifier verifier = new RecordingDestinationVerifier();
    private final Settings settings = Settings.from(Map.of());
    private final SnapStartPriming priming = new SnapStartPriming(EventsTest.api(store, keys, verifier, settings),
            new ApiGatewayRequests(List.of()), settings);

    @Test
    void primesThePutAndGetPathInASandboxAndOnlyReadsTheRealKeyStore() {
        assertThat(priming.prime()).as("the last: InvalidAccessKeyId, after one key lookup").containsExactly(200, 200, 200, 403);

        assertThat(keys.lookups).hasValue(1);
        assertThat(store.listOwnedBy(Settings.DEFAULT_ACCOUNT)).isEmpty();
        assertThat(verifier.testMessagesSentTo).isEmpty();
    }

    @Test
    void sendsTheTestMessageToATopicThatCannotExistAndTriesAWriteThatCannotSucceed() {
        var withDestinations = new SnapStartPriming(EventsTest.api(store, keys, verifier, settings),
                new ApiGatewayRequests(List.of()), settings, verifier, store);

        assertThat(withDestinations.prime()).as("sandbox, signed; the real key store; the sandbox's real SNS; the real"
                + " store's read and refused write").containsExactly(200, 200, 200, 403, 200, 200, 404, 404);

        assertThat(store.listOwnedBy(Settings.DEFAULT_ACCOUNT)).isEmpty();
        assertThat(store.find("snapstart..priming")).isEmpty();
        assertThat(verifier.testMessagesSentTo)
                .containsExactly("arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid");
    }

    @Test
    void primingAtInitNeverFailsTheFunction() {
        new SnapStartPriming(null, new ApiGatewayRequests(List.of()), settings).primeAtInit();
    }

    @Test
    void beforeCheckpointNeverFailsTheSnapshot() {
        var broken = new SnapStartPriming(null, new ApiGatewayRequests(List.of()), settings);

        broken.beforeCheckpoint(null);
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
    }
}
