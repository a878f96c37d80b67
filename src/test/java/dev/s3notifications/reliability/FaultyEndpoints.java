package dev.s3notifications.reliability;

import dev.s3notifications.testing.FaultProxy;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.Toxiproxy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The way from a function to moto's DynamoDB and SNS, with faults: function → Toxiproxy (TCP faults) →
 * {@link FaultProxy} (HTTP faults in the service's wire shape) → emulator. The functions reach it through
 * {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL_SNS}: configuration, not code.
 */
final class FaultyEndpoints implements AutoCloseable {
    /** Which faults a run injects. */
    enum Kinds {
        /** Only faults that stop a request before the service sees it: throttling, 500, 503, a dropped connection. */
        BEFORE_THE_SERVICE,
        /** Every kind, including those that strike after the service did the work, and Toxiproxy's TCP faults. */
        ALL,
        /** Every HTTP kind, on DynamoDB's {@code UpdateItem} only: a PUT fails part-way, after its test events. */
        WRITE_ONLY
    }

    static final Set<FaultProxy.Fault> BEFORE = EnumSet.of(FaultProxy.Fault.THROTTLE, FaultProxy.Fault.INTERNAL_ERROR,
            FaultProxy.Fault.UNAVAILABLE, FaultProxy.Fault.DROP);

    final Toxiproxy toxiproxy;
    final FaultProxy dynamoDbFaults;
    final FaultProxy snsFaults;
    final URI dynamoDb;
    final URI sns;

    FaultyEndpoints(long seed) {
        toxiproxy = Toxiproxy.start(seed, logFile("toxiproxy"));
        dynamoDbFaults = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.DYNAMODB, seed);
        snsFaults = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.SNS, seed + 1);
        // Every request on its own connection: Toxiproxy decides per connection, so its toxicity becomes a per-request rate.
        dynamoDbFaults.closeConnections(true);
        snsFaults.closeConnections(true);
        dynamoDb = toxiproxy.proxy("dynamodb", dynamoDbFaults.endpoint());
        sns = toxiproxy.proxy("sns", snsFaults.endpoint());
    }

    /**
     * The same fault rate on both ways. With {@link Kinds#ALL}, six in ten faults are HTTP answers (throttling, 500,
     * 503, a dropped connection, and the two that strike after the service did the work) and four in ten are TCP
     * faults from Toxiproxy (a reset as the request is sent, a reset a moment later, an answer that never comes,
     * which only the client's socket timeout ends, an answer cut off after 64 bytes).
     */
    void inject(double rate, Kinds kinds) {
        heal();
        if (rate <= 0) {
            return;
        }
        if (kinds == Kinds.BEFORE_THE_SERVICE) {
            dynamoDbFaults.inject(rate, BEFORE);
            snsFaults.inject(rate, BEFORE);
            return;
        }
        if (kinds == Kinds.WRITE_ONLY) {
            // DynamoDB's writes only, every HTTP kind: the test events have gone out when the write fails.
            dynamoDbFaults.inject(rate, EnumSet.allOf(FaultProxy.Fault.class),
                    request -> request.operation().equals("UpdateItem"));
            return;
        }
        Set<FaultProxy.Fault> all = EnumSet.allOf(FaultProxy.Fault.class);
        dynamoDbFaults.inject(rate * 0.6, all);
        snsFaults.inject(rate * 0.6, all);
        for (String proxy : List.of("dynamodb", "sns")) {
            toxiproxy.addToxic(proxy, "reset", "reset_peer", "upstream", rate * 0.15, Map.of("timeout", 0));
            toxiproxy.addToxic(proxy, "reset-late", "reset_peer", "downstream", rate * 0.1, Map.of("timeout", 30));
            toxiproxy.addToxic(proxy, "stall", "timeout", "downstream", rate * 0.1, Map.of("timeout", 0));
            toxiproxy.addToxic(proxy, "cut", "limit_data", "downstream", rate * 0.05, Map.of("bytes", 64));
        }
    }

    void heal() {
        dynamoDbFaults.heal();
        snsFaults.heal();
        toxiproxy.reset();
    }

    /** What each fault proxy saw and did since {@code before}. */
    static FaultProxy.Stats since(FaultProxy.Stats after, FaultProxy.Stats before) {
        Map<FaultProxy.Fault, Long> faults = new LinkedHashMap<>();
        after.faults().forEach((fault, count) -> faults.put(fault, count - before.faults().get(fault)));
        return new FaultProxy.Stats(after.requests() - before.requests(), after.forwarded() - before.forwarded(), faults,
                after.held() - before.held());
    }

    static File logFile(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            return dir.resolve(name + ".log").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        dynamoDbFaults.close();
        snsFaults.close();
        toxiproxy.close();
    }
}
