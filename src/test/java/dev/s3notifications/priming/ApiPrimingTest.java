package dev.s3notifications.priming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.handler.ProxyIntegration;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.testing.CountingAccessKeyStore;
import dev.s3notifications.testing.InMemoryApis;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.wiring.InitThread;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiPrimingTest {
    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final CountingAccessKeyStore keys = new CountingAccessKeyStore(InMemoryAccessKeyStore.holding());
    private final RecordingDestinationVerifier verifier = new RecordingDestinationVerifier();
    private final Settings settings = Settings.from(Map.of());
    private final ApiPriming.RequestPath requestPath = ProxyIntegration.requestPath(List.of());
    private final ApiPriming priming = ApiPriming.requestPathOnly(InMemoryApis.api(store, keys, verifier, settings),
            settings, requestPath);

    @Test
    void primesThePutAndGetPathInASandboxAndOnlyReadsTheRealKeyStore() {
        assertThat(priming.prime()).as("the last: InvalidAccessKeyId, after one key lookup").containsExactly(200, 200, 200, 403);

        assertThat(keys.lookups).hasValue(1);
        assertThat(store.listOwnedBy(Settings.DEFAULT_ACCOUNT)).isEmpty();
        assertThat(verifier.testMessagesSentTo).isEmpty();
    }

    @Test
    void sendsTheTestMessageToATopicThatCannotExistAndTriesAWriteThatCannotSucceed() {
        var withDestinations = new ApiPriming(new Wiring.ApiFunction(InMemoryApis.api(store, keys, verifier, settings),
                verifier, store), settings, requestPath);

        assertThat(withDestinations.prime()).as("sandbox, signed; the real key store; the sandbox's real SNS; the real"
                + " store's read and refused write").containsExactly(200, 200, 200, 403, 200, 200, 404, 404);

        assertThat(store.listOwnedBy(Settings.DEFAULT_ACCOUNT)).isEmpty();
        assertThat(store.find("api..priming")).isEmpty();
        assertThat(verifier.testMessagesSentTo)
                .containsExactly("arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid");
    }

    @Test
    void primingBegunBeforeTheFunctionIsWiredSendsTheSameRequests() {
        var withDestinations = new ApiPriming(new Wiring.ApiFunction(InMemoryApis.api(store, keys, verifier, settings),
                verifier, store), settings, requestPath);
        InitThread<ApiPriming.SandboxRun> sandbox = ApiPriming.startAtInit(settings, requestPath);

        assertThat(sandbox.join().statuses()).as("the sandbox's bucket, PUT and GET").containsExactly(200, 200, 200);
        assertThat(sandbox.join().stored().destinations()).isNotEmpty();
        withDestinations.primeAtInit(sandbox);
        assertThat(keys.lookups).as("the real key store, after the sandbox").hasValue(1);
        assertThat(verifier.testMessagesSentTo)
                .containsExactly("arn:aws:sns:us-east-1:123456789012:s3-notifications-priming.invalid");
    }

    @Test
    void primingAtInitNeverFailsTheFunction() {
        ApiPriming.requestPathOnly(null, settings, requestPath).primeAtInit(ApiPriming.startAtInit(settings, requestPath));
    }

    @Test
    void beforeCheckpointNeverFailsTheSnapshot() {
        var broken = ApiPriming.requestPathOnly(null, settings, requestPath);

        broken.beforeCheckpoint(null);
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
    }
}
