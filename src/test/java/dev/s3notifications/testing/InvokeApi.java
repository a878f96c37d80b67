package dev.s3notifications.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API on 127.0.0.1, answering as Lambda does, for functions that run nowhere: invoking a function
 * on moto needs Docker, which our machines do not have. It knows which functions exist (those {@link #create}d, or
 * whatever a given predicate accepts), answers {@code DryRun} with 204 and {@code Event} with 202, records every
 * invocation with its payload, and answers a function that does not exist with Lambda's
 * {@code ResourceNotFoundException}.
 * <a href="https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html">Invoke</a>
 */
public final class InvokeApi implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    /** One invocation as received: the function's ARN, the invocation type and the payload. */
    public record Invocation(String functionArn, String invocationType, String payload, Instant at) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String region;
    private final String accountId;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Predicate<String> exists;
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final Consumer<Invocation> sink;

    private InvokeApi(String region, String accountId, Predicate<String> exists, Consumer<Invocation> sink) throws IOException {
        this.region = region;
        this.accountId = accountId;
        this.exists = arn -> created.contains(arn) || exists.test(arn);
        this.sink = sink;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "invoke-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An endpoint where only the functions {@link #create}d exist, recording invocations in memory. */
    public static InvokeApi start(String region, String accountId) {
        return start(region, accountId, arn -> false, invocation -> { });
    }

    /**
     * @param exists which function ARNs exist, besides those created here
     * @param sink   gets each invocation too, as it arrives
     */
    public static InvokeApi start(String region, String accountId, Predicate<String> exists, Consumer<Invocation> sink) {
        try {
            return new InvokeApi(region, accountId, exists, sink);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Invoke API endpoint", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes a function exist; returns its ARN. */
    public String create(String functionName) {
        String arn = arn(functionName);
        created.add(arn);
        return arn;
    }

    public void delete(String functionArn) {
        created.remove(functionArn);
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** The invocations of one type, in arrival order. */
    public List<Invocation> invocations(String invocationType) {
        List<Invocation> ofType = new ArrayList<>();
        for (Invocation invocation : invocations) {
            if (invocation.invocationType().equals(invocationType)) {
                ofType.add(invocation);
            }
        }
        return ofType;
    }

    /** A function's ARN from what {@code FunctionName} may be: a name, a partial ARN or an ARN (a qualifier dropped). */
    private String arn(String functionName) {
        if (functionName.startsWith("arn:")) {
            String[] parts = functionName.split(":");
            return parts.length > 7 ? String.join(":", List.of(parts).subList(0, 7)) : functionName;
        }
        String name = functionName.contains(":function:") ? functionName.substring(functionName.indexOf(":function:") + 10)
                : functionName;
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name.split(":")[0];
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !invoke.matches()) {
                error(exchange, 404, "UnknownOperationException", "Unknown operation " + exchange.getRequestURI().getPath());
                return;
            }
            String arn = arn(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            if (!exists.test(arn)) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + arn);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            type = type == null ? "RequestResponse" : type;
            Invocation invocation = new Invocation(arn, type, new String(body, StandardCharsets.UTF_8), Instant.now());
            invocations.add(invocation);
            sink.accept(invocation);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            switch (type) {
                case "DryRun" -> exchange.sendResponseHeaders(204, -1);
                case "Event" -> exchange.sendResponseHeaders(202, -1);
                default -> respond(exchange, 200, "null"); // a function that returns nothing
            }
        }
    }

    /** Lambda's REST-JSON error: the type in {@code x-amzn-ErrorType}, a body with Type and Message. */
    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        respond(exchange, status, "{\"Type\":\"User\",\"Message\":\"" + message.replace("\"", "'") + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
