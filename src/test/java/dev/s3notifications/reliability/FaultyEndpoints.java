package dev.s3notifications.reliability;

import dev.s3notifications.testing.MotoServer;
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
 * {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL_SNS}: configuration, not code. The ways to the other
 * destinations (moto's SQS and EventBridge, an Invoke API endpoint for Lambda) go through a {@link FaultProxy} each,
 * reached through {@code AWS_ENDPOINT_URL_SQS}, {@code _EVENTBRIDGE} and {@code _LAMBDA}.
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
    /** Every fault of a whole request, before or after the service did the work. */
    static final Set<FaultProxy.Fault> WHOLE_REQUEST = EnumSet.complementOf(EnumSet.of(FaultProxy.Fault.PARTIAL_BATCH));
    /** The calls that deliver to queues, functions and the bus: where {@link #injectIntoDeliveries} strikes. */
    static final Set<String> DELIVERY_OPERATIONS = Set.of("SendMessageBatch", "Invoke", "PutEvents");

    final Toxiproxy toxiproxy;
    final FaultProxy dynamoDbFaults;
    final FaultProxy snsFaults;
    final FaultProxy sqsFaults;
    final FaultProxy eventBridgeFaults;
    final FaultProxy lambdaFaults;
    final URI dynamoDb;
    final URI sns;

    FaultyEndpoints(long seed) {
        this(seed, URI.create("http://127.0.0.1:1"), MotoServer.shared().endpoint());
    }

    /**
     * @param lambda         the Invoke API endpoint that the way to Lambda leads to
     * @param dynamoDbServer the emulator the way to DynamoDB leads to (the other services go to the shared moto)
     */
    FaultyEndpoints(long seed, URI lambda, URI dynamoDbServer) {
        toxiproxy = Toxiproxy.start(seed, logFile("toxiproxy"));
        dynamoDbFaults = FaultProxy.start(dynamoDbServer, FaultProxy.Service.DYNAMODB, seed);
        snsFaults = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.SNS, seed + 1);
        sqsFaults = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.SQS, seed + 2);
        eventBridgeFaults = FaultProxy.start(MotoServer.shared().endpoint(), FaultProxy.Service.EVENTBRIDGE, seed + 3);
        lambdaFaults = FaultProxy.start(lambda, FaultProxy.Service.LAMBDA, seed + 4);
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
            dynamoDbFaults.inject(rate, WHOLE_REQUEST, request -> request.operation().equals("UpdateItem"));
            return;
        }
        dynamoDbFaults.inject(rate * 0.6, WHOLE_REQUEST);
        snsFaults.inject(rate * 0.6, WHOLE_REQUEST);
        for (String proxy : List.of("dynamodb", "sns")) {
            toxiproxy.addToxic(proxy, "reset", "reset_peer", "upstream", rate * 0.15, Map.of("timeout", 0));
            toxiproxy.addToxic(proxy, "reset-late", "reset_peer", "downstream", rate * 0.1, Map.of("timeout", 30));
            toxiproxy.addToxic(proxy, "stall", "timeout", "downstream", rate * 0.1, Map.of("timeout", 0));
            toxiproxy.addToxic(proxy, "cut", "limit_data", "downstream", rate * 0.05, Map.of("bytes", 64));
        }
    }

    /**
     * Makes {@code rate} of the calls that deliver to queues, functions and the bus fail, as one of every whole-request
     * fault and, for the batch calls (SQS's SendMessageBatch, EventBridge's PutEvents), entries failed inside a 200.
     */
    void injectIntoDeliveries(double rate) {
        Set<FaultProxy.Fault> withPartial = EnumSet.allOf(FaultProxy.Fault.class);
        sqsFaults.inject(rate, withPartial, request -> DELIVERY_OPERATIONS.contains(request.operation()));
        eventBridgeFaults.inject(rate, withPartial, request -> DELIVERY_OPERATIONS.contains(request.operation()));
        lambdaFaults.inject(rate, WHOLE_REQUEST, request -> DELIVERY_OPERATIONS.contains(request.operation()));
    }

    void heal() {
        dynamoDbFaults.heal();
        snsFaults.heal();
        sqsFaults.heal();
        eventBridgeFaults.heal();
        lambdaFaults.heal();
        toxiproxy.reset();
    }

    /** What each fault proxy saw and did since {@code before}. */
    static FaultProxy.Stats since(FaultProxy.Stats after, FaultProxy.Stats before) {
        Map<FaultProxy.Fault, Long> faults = new LinkedHashMap<>();
        after.faults().forEach((fault, count) -> faults.put(fault, count - before.faults().get(fault)));
        return new FaultProxy.Stats(after.requests() - before.requests(), after.forwarded() - before.forwarded(), faults,
                after.held() - before.held());
    }

    /** The stats of several proxies added up. */
    static FaultProxy.Stats sum(List<FaultProxy.Stats> all) {
        Map<FaultProxy.Fault, Long> faults = new LinkedHashMap<>();
        long requests = 0, forwarded = 0, held = 0;
        for (FaultProxy.Stats stats : all) {
            requests += stats.requests();
            forwarded += stats.forwarded();
            held += stats.held();
            stats.faults().forEach((fault, count) -> faults.merge(fault, count, Long::sum));
        }
        return new FaultProxy.Stats(requests, forwarded, faults, held);
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
        sqsFaults.close();
        eventBridgeFaults.close();
        lambdaFaults.close();
        toxiproxy.close();
    }
}
