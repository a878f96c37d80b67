package dev.s3notifications.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * A real HTTP proxy on 127.0.0.1 between an SDK client and an emulator (moto) that, at a chosen
 * rate, answers a request with a failure instead of (or after) forwarding it: the throttling and server errors of
 * the service, in the service's own wire shape (DynamoDB: JSON 1.0 with {@code x-amzn-ErrorType}; SNS: the query
 * protocol's {@code ErrorResponse} XML), a connection closed without an answer, or a forwarded request whose answer
 * is lost. The last kinds are the ones that make a retry repeat work that was done: the source of duplicates.
 *
 * <p>TCP-level faults (resets, stalls, cut streams) come from Toxiproxy in front of it; with
 * {@link #closeConnections} each request gets its own connection, so that Toxiproxy's per-connection toxicity
 * is a per-request probability.
 */
public final class FaultProxy implements AutoCloseable {
    /** The wire shape of the service behind the proxy, which decides the shape of the errors. */
    public enum Service {
        DYNAMODB, SNS, SQS, LAMBDA, EVENTBRIDGE
    }

    /** What the proxy can do instead of answering faithfully. */
    public enum Fault {
        /** DynamoDB: 400 ProvisionedThroughputExceededException or ThrottlingException; SNS: 400 Throttling or 429 Throttled. Not forwarded. */
        THROTTLE(false),
        /** 500: DynamoDB InternalServerError, SNS InternalError. Not forwarded. */
        INTERNAL_ERROR(false),
        /** 503 ServiceUnavailable. Not forwarded. */
        UNAVAILABLE(false),
        /** The connection is closed without an answer; the request never reached the service. */
        DROP(false),
        /** Forwarded and done by the service, then answered with a 500: the client cannot know it succeeded. */
        INTERNAL_ERROR_AFTER_FORWARD(true),
        /** Forwarded and done, then the connection is closed without the answer. */
        DROP_AFTER_FORWARD(true),
        /**
         * A batch call (SQS's {@code SendMessageBatch}, EventBridge's {@code PutEvents}) that succeeds in part: some of
         * its entries are taken out of the request before it is forwarded, and come back failed inside a 200 answer
         * with a code worth retrying, as the services report an entry they could not take. Other calls get a 500.
         */
        PARTIAL_BATCH(true);

        private final boolean forwards;

        Fault(boolean forwards) {
            this.forwards = forwards;
        }

        public boolean forwards() {
            return forwards;
        }
    }

    /** One request as the proxy saw it: what the fault filter and the gate decide on. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        /**
         * The operation: from {@code X-Amz-Target} for the JSON protocols ({@code DynamoDB_20120810.GetItem} → GetItem,
         * {@code AmazonSQS.SendMessageBatch}, {@code AWSEvents.PutEvents}), Lambda's {@code Invoke} from its path, or
         * SNS's {@code Action}.
         */
        public String operation() {
            if (path.contains("/functions/") && path.contains("/invocations")) {
                return "Invoke";
            }
            for (var header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase("X-Amz-Target") && !header.getValue().isEmpty()) {
                    String target = header.getValue().get(0);
                    return target.substring(target.indexOf('.') + 1);
                }
            }
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.startsWith("Action=")) {
                    return pair.substring("Action=".length());
                }
            }
            return "";
        }
    }

    /** What the proxy has seen and done so far. */
    public record Stats(long requests, long forwarded, Map<Fault, Long> faults, long held) {
        public long faulted() {
            return faults.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return "requests=" + requests + " forwarded=" + forwarded + " faults=" + faults + (held > 0 ? " held=" + held : "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
            "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection", "date");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient upstreamClient;
    private final URI upstream;
    private final Service service;
    private final Random random;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final Map<Fault, AtomicLong> faultCounts = new EnumMap<>(Fault.class);
    private volatile double rate;
    private volatile List<Fault> kinds = List.of();
    private volatile Predicate<Request> faultable = r -> true;
    private volatile boolean closeConnections;
    private volatile Gate gate;
    private volatile Consumer<Request> listener = request -> { };
    private volatile BiConsumer<Request, byte[]> forwardedListener = (request, answer) -> { };

    private FaultProxy(URI upstream, Service service, long seed) throws IOException {
        this.upstream = upstream;
        this.service = service;
        this.random = new Random(seed);
        for (Fault fault : Fault.values()) {
            faultCounts.put(fault, new AtomicLong());
        }
        this.upstreamClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        // Enough threads that requests held by a gate do not starve the others.
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "fault-proxy-" + service.name().toLowerCase(Locale.ROOT));
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy to {@code upstream}, faultless until {@link #inject} is called; {@code seed} makes its choices repeatable. */
    public static FaultProxy start(URI upstream, Service service, long seed) {
        try {
            return new FaultProxy(upstream, service, seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, each request that {@code only} accepts fails with probability {@code rate}, as one of {@code kinds} chosen evenly. */
    public FaultProxy inject(double rate, Set<Fault> kinds, Predicate<Request> only) {
        this.kinds = List.copyOf(kinds.stream().sorted().toList());
        this.faultable = only;
        this.rate = rate;
        return this;
    }

    public FaultProxy inject(double rate, Set<Fault> kinds) {
        return inject(rate, kinds, r -> true);
    }

    /** Shows every request to {@code listener} as it arrives: for tests that check what was sent on the wire. */
    public FaultProxy listen(Consumer<Request> listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Shows {@code listener} every request the service answered with a 2xx, as forwarded (a partial batch without the
     * entries taken out), with the service's answer: what the service really took, whatever the client was told.
     */
    public FaultProxy onForwarded(BiConsumer<Request, byte[]> listener) {
        this.forwardedListener = listener;
        return this;
    }

    /** Stops injecting faults. */
    public FaultProxy heal() {
        this.rate = 0;
        return this;
    }

    /** Asks clients to close the connection after each answer ({@code Connection: close}). */
    public FaultProxy closeConnections(boolean close) {
        this.closeConnections = close;
        return this;
    }

    /**
     * Lets {@code passing} requests that {@code matching} accepts through, then holds every later one until
     * {@link #release()}; held requests are then answered with a dropped connection, never forwarded (their client
     * is meant to be gone by then).
     */
    public FaultProxy holdAfter(int passing, Predicate<Request> matching) {
        this.gate = new Gate(passing, matching);
        return this;
    }

    /** Drops the held requests and lets everything through again. */
    public void release() {
        Gate current = gate;
        gate = null;
        if (current != null) {
            current.open();
        }
    }

    /** How many matching requests the gate has let through so far. */
    public int passedTheGate() {
        Gate current = gate;
        return current == null ? 0 : current.passedCount();
    }

    public Stats stats() {
        Map<Fault, Long> faults = new EnumMap<>(Fault.class);
        faultCounts.forEach((fault, count) -> faults.put(fault, count.get()));
        return new Stats(requests.get(), forwarded.get(), faults, held.get());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && Long.parseLong(declared.trim()) != body.length) {
                return; // a request cut off on its way (a reset): a real endpoint never acts on part of a body
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body);
            requests.incrementAndGet();
            listener.accept(request);
            Gate current = gate;
            if (current != null && !current.pass(request)) {
                held.incrementAndGet();
                current.awaitOpen();
                return; // closing the exchange without an answer drops the connection
            }
            Fault fault = choose(request);
            if (fault != null) {
                faultCounts.get(fault).incrementAndGet();
            }
            if (fault != null && !fault.forwards()) {
                if (fault != Fault.DROP) {
                    respond(exchange, error(fault));
                }
                return;
            }
            if (fault == Fault.PARTIAL_BATCH) {
                respond(exchange, partially(request));
                return;
            }
            Answer answer = forward(request);
            if (fault == Fault.DROP_AFTER_FORWARD) {
                return;
            }
            respond(exchange, fault == Fault.INTERNAL_ERROR_AFTER_FORWARD ? error(Fault.INTERNAL_ERROR) : answer);
        }
    }

    private Fault choose(Request request) {
        double current = rate;
        List<Fault> enabled = kinds;
        if (current <= 0 || enabled.isEmpty() || !faultable.test(request)) {
            return null;
        }
        synchronized (random) {
            return random.nextDouble() < current ? enabled.get(random.nextInt(enabled.size())) : null;
        }
    }

    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private Answer forward(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(upstream.resolve(request.path()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = upstreamClient.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        forwarded.incrementAndGet();
        if (response.statusCode() / 100 == 2) {
            forwardedListener.accept(request, response.body());
        }
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }

    /**
     * {@link Fault#PARTIAL_BATCH}: forwards the batch without a random non-empty subset of its entries (each left out
     * with probability one half) and answers as the service does when those entries failed and the others went through.
     */
    private Answer partially(Request request) throws IOException {
        String operation = request.operation();
        if (!operation.equals("SendMessageBatch") && !operation.equals("PutEvents")) {
            return error(Fault.INTERNAL_ERROR);
        }
        ObjectNode body = (ObjectNode) JSON.readTree(request.body());
        ArrayNode entries = (ArrayNode) body.get("Entries");
        boolean[] failing = new boolean[entries.size()];
        synchronized (random) {
            failing[random.nextInt(failing.length)] = true;
            for (int i = 0; i < failing.length; i++) {
                failing[i] |= random.nextBoolean();
            }
        }
        ArrayNode forwardedEntries = JSON.createArrayNode();
        for (int i = 0; i < failing.length; i++) {
            if (!failing[i]) {
                forwardedEntries.add(entries.get(i));
            }
        }
        Answer upstreamAnswer = null;
        if (!forwardedEntries.isEmpty()) {
            body.set("Entries", forwardedEntries);
            upstreamAnswer = forward(new Request(request.method(), request.path(), request.headers(), JSON.writeValueAsBytes(body)));
            if (upstreamAnswer.status() != 200) {
                return upstreamAnswer;
            }
        }
        JsonNode upstream = upstreamAnswer == null ? JSON.createObjectNode() : JSON.readTree(upstreamAnswer.body());
        ObjectNode answer = JSON.createObjectNode();
        if (operation.equals("SendMessageBatch")) {
            answer.set("Successful", upstream.has("Successful") ? upstream.get("Successful") : JSON.createArrayNode());
            ArrayNode failed = upstream.has("Failed") ? (ArrayNode) upstream.get("Failed") : JSON.createArrayNode();
            for (int i = 0; i < failing.length; i++) {
                if (failing[i]) {
                    failed.addObject().put("Id", entries.get(i).get("Id").asText()).put("SenderFault", false)
                            .put("Code", "InternalError").put("Message", "We encountered an internal error. Please try again.");
                }
            }
            answer.set("Failed", failed);
        } else { // PutEvents: one result per entry, in the request's order
            ArrayNode results = answer.putArray("Entries");
            int failedCount = upstream.path("FailedEntryCount").asInt(0);
            int next = 0;
            for (int i = 0; i < failing.length; i++) {
                if (failing[i]) {
                    results.addObject().put("ErrorCode", "InternalFailure").put("ErrorMessage", "Internal failure, retry.");
                    failedCount++;
                } else {
                    results.add(upstream.path("Entries").get(next++));
                }
            }
            answer.put("FailedEntryCount", failedCount);
        }
        String contentType = service == Service.SQS ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        return new Answer(200, Map.of("Content-Type", List.of(contentType), "x-amzn-RequestId",
                List.of(UUID.randomUUID().toString())), JSON.writeValueAsBytes(answer));
    }

    private void respond(HttpExchange exchange, Answer answer) throws IOException {
        var headers = exchange.getResponseHeaders();
        answer.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, new ArrayList<>(values));
            }
        });
        if (closeConnections) {
            headers.set("Connection", "close");
        }
        if (answer.body().length == 0) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    /** The service's own answer for {@code fault}, as the SDK would receive it from AWS. */
    private Answer error(Fault fault) {
        boolean alternate;
        synchronized (random) {
            alternate = random.nextBoolean();
        }
        return switch (service) {
            case DYNAMODB -> switch (fault) {
                case THROTTLE -> alternate
                        ? dynamoDbError(400, "ProvisionedThroughputExceededException", "The level of configured provisioned"
                                + " throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.")
                        : dynamoDbError(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput.");
                case UNAVAILABLE -> dynamoDbError(503, "ServiceUnavailable", "Service Unavailable");
                default -> dynamoDbError(500, "InternalServerError", "Internal server error");
            };
            case SNS -> switch (fault) {
                case THROTTLE -> alternate ? snsError(429, "Sender", "Throttled", "Rate exceeded")
                        : snsError(400, "Sender", "Throttling", "Rate exceeded");
                case UNAVAILABLE -> snsError(503, "Receiver", "ServiceUnavailable", "Service is unavailable. Try again later.");
                default -> snsError(500, "Receiver", "InternalError", "Internal Error");
            };
            case SQS -> switch (fault) {
                case THROTTLE -> jsonError(400, "application/x-amz-json-1.0", "com.amazonaws.sqs#RequestThrottled", "Rate exceeded");
                case UNAVAILABLE -> jsonError(503, "application/x-amz-json-1.0", "com.amazonaws.sqs#ServiceUnavailable",
                        "Service is unavailable. Try again later.");
                default -> jsonError(500, "application/x-amz-json-1.0", "com.amazonaws.sqs#InternalError", "Internal Error");
            };
            case EVENTBRIDGE -> switch (fault) {
                case THROTTLE -> jsonError(400, "application/x-amz-json-1.1", "ThrottlingException", "Rate exceeded");
                case UNAVAILABLE -> jsonError(503, "application/x-amz-json-1.1", "ServiceUnavailable", "Service Unavailable");
                default -> jsonError(500, "application/x-amz-json-1.1", "InternalException", "Internal Error");
            };
            case LAMBDA -> switch (fault) {
                case THROTTLE -> lambdaError(429, "TooManyRequestsException", "User", "Rate Exceeded.");
                case UNAVAILABLE -> lambdaError(503, "ServiceException", "Service", "Service Unavailable");
                default -> lambdaError(500, "ServiceException", "Service", "Internal Error");
            };
        };
    }

    /** DynamoDB's JSON 1.0 error: {@code __type}, {@code x-amzn-ErrorType}, and the CRC32 of the body the SDK checks. */
    private static Answer dynamoDbError(int status, String type, String message) {
        byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        return new Answer(status, Map.of(
                "Content-Type", List.of("application/x-amz-json-1.0"),
                "x-amzn-ErrorType", List.of(type + ":http://internal.amazon.com/coral/com.amazonaws.dynamodb.v20120810/"),
                "x-amzn-RequestId", List.of(requestId()),
                "x-amz-crc32", List.of(Long.toString(crc.getValue()))), body);
    }

    /** An AWS JSON protocol error (SQS, EventBridge): the type in {@code __type}. */
    private static Answer jsonError(int status, String contentType, String type, String message) {
        byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return new Answer(status, Map.of("Content-Type", List.of(contentType), "x-amzn-RequestId",
                List.of(UUID.randomUUID().toString())), body);
    }

    /** Lambda's REST-JSON error: the type in {@code x-amzn-ErrorType}. */
    private static Answer lambdaError(int status, String type, String origin, String message) {
        byte[] body = ("{\"Type\":\"" + origin + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return new Answer(status, Map.of("Content-Type", List.of("application/json"), "x-amzn-ErrorType", List.of(type),
                "x-amzn-RequestId", List.of(UUID.randomUUID().toString())), body);
    }

    /** SNS's query-protocol error document. */
    private static Answer snsError(int status, String type, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        byte[] body = ("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <Error>\n    <Type>" + type
                + "</Type>\n    <Code>" + code + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n  <RequestId>"
                + requestId + "</RequestId>\n</ErrorResponse>\n").getBytes(StandardCharsets.UTF_8);
        return new Answer(status, Map.of("Content-Type", List.of("text/xml"), "x-amzn-RequestId", List.of(requestId)), body);
    }

    /** DynamoDB's request ids are 52 upper-case letters and digits. */
    private static String requestId() {
        String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").toUpperCase(Locale.ROOT);
        return hex.substring(0, 52);
    }

    /** Lets a number of matching requests pass, then holds the rest until opened. */
    private static final class Gate {
        private final int passing;
        private final Predicate<Request> matching;
        private int passed;
        private boolean open;

        Gate(int passing, Predicate<Request> matching) {
            this.passing = passing;
            this.matching = matching;
        }

        synchronized boolean pass(Request request) {
            if (open || !matching.test(request)) {
                return true;
            }
            if (passed < passing) {
                passed++;
                return true;
            }
            return false;
        }

        synchronized int passedCount() {
            return passed;
        }

        synchronized void awaitOpen() {
            while (!open) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        synchronized void open() {
            open = true;
            notifyAll();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        upstreamClient.close();
    }
}
