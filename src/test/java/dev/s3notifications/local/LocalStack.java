package dev.s3notifications.local;

import com.sun.net.httpserver.HttpServer;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.domain.AccessKey;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.handler.ApiHandler;
import dev.s3notifications.handler.ObjectEventHandler;
import dev.s3notifications.testing.AwsTestClients;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.testing.DynamoDbLocal;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SigV4Signing;
import dev.s3notifications.wiring.Settings;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local stack: S3's bucket-notification API on 127.0.0.1, answered by the API function's own handler behind an
 * API Gateway stand-in ({@link ApiGatewayProxy}), with DynamoDB Local as the store and, for SNS and SQS, the
 * emulator the standard {@code AWS_ENDPOINT_URL_*} variables name or else a moto server of its own.
 * {@code scripts/local-stack} runs {@link #main}; tests may {@link #start} one in their own JVM.
 *
 * <p>It announces itself on standard output, one {@code <name> <value>...} line each, ending with
 * {@code ready <endpoint>} once requests are answered. Everything else goes to standard error.
 */
public final class LocalStack implements AutoCloseable {
    public static final int DEFAULT_PORT = 9090;
    public static final String BUCKETS_TABLE = "s3-bucket-notifications-buckets";
    public static final String ACCESS_KEYS_TABLE = Settings.DEFAULT_ACCESS_KEYS_TABLE;
    public static final String OBJECT_EVENTS_QUEUE = "object-events";
    /** {@code <bucket>.localhost} addresses a bucket virtual-hosted-style; RFC 6761 reserves the name for loopback. */
    static final String VIRTUAL_HOST_DOMAIN = "localhost";

    private static final String USAGE = """
            usage: scripts/local-stack [--port N] [--credentials ID:SECRET:ACCOUNT]...
              Starts S3's bucket-notification API on http://127.0.0.1:N (default %d, or $PORT; 0 picks a free port)
              with DynamoDB Local as its store and a moto server for SNS and SQS, and prints
                moto <url>       when it started a moto server
                sns <url>        where it sends SNS requests (and the s3:TestEvent)
                sqs <url>        the SQS endpoint that goes with it
                dynamodb <url>   DynamoDB Local
                credentials <access key id> <secret key> <account id>
                                 one line per key pair requests may be signed with (two accounts by default)
                object-events <queue url>      the queue the fan-out function consumes (send object events here)
                object-events-dlq <queue url>  its dead-letter queue
                ready <url>      once it answers S3 requests at <url>
              SIGTERM or Ctrl-C stops it and everything it started.
            environment:
              AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL
                                 an emulator that is already running; without them it starts moto
              AWS_REGION         the region of buckets and topics (default us-east-1)
              LOCAL_CREDENTIALS  the key pairs to seed instead of the two defaults: ID:SECRET:ACCOUNT, several
                                 separated by spaces (--credentials, repeated, takes precedence); more with
                                 AWS_ENDPOINT_URL_DYNAMODB=<dynamodb url> scripts/access-keys create --account ID
              VIRTUAL_HOST_DOMAINS more host names for virtual-hosted-style requests besides localhost
            """.formatted(DEFAULT_PORT);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;
    private volatile URI endpoint;

    private LocalStack() {
    }

    /**
     * Starts a stack and returns once it answers requests, having passed each announcement line to {@code announce},
     * {@code ready} last. On failure it stops what it had started.
     *
     * @param port        the HTTP port on 127.0.0.1; 0 picks a free one
     * @param environment where region, credentials and emulator endpoints come from (the process environment in main)
     */
    public static LocalStack start(int port, Map<String, String> environment, Consumer<String> announce) {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(port, environment, announce);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    private void startAll(int port, Map<String, String> env, Consumer<String> announce) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        List<LocalCredentials> credentials = LocalCredentials.parse(env.get("LOCAL_CREDENTIALS"));
        String account = credentials.get(0).accountId(); // the API's own account, as API Gateway reports it
        // Bind first: a port in use fails in a moment, before the emulators have started.
        HttpServer server = bind(port);
        track(() -> server.stop(0));

        URI sns = endpoint(env, "AWS_ENDPOINT_URL_SNS");
        URI sqs = endpoint(env, "AWS_ENDPOINT_URL_SQS");
        if (sns == null || sqs == null) {
            MotoServer moto = MotoServer.start(0, motoLog());
            track(moto);
            announce(announce, "moto", moto.endpoint());
            sns = sns == null ? moto.endpoint() : sns;
            sqs = sqs == null ? moto.endpoint() : sqs;
        }
        announce(announce, "sns", sns);
        announce(announce, "sqs", sqs);

        DynamoDbLocal dynamoDb = DynamoDbLocal.start(0);
        track(dynamoDb);
        try (var client = dynamoDb.client()) {
            DynamoDbBucketStore.createTable(client, BUCKETS_TABLE);
            DynamoDbAccessKeyStore.createTable(client, ACCESS_KEYS_TABLE);
            DynamoDbAccessKeyStore keys = new DynamoDbAccessKeyStore(client, ACCESS_KEYS_TABLE);
            for (LocalCredentials pair : credentials) {
                if (!keys.create(new AccessKey(pair.accessKeyId(), pair.secretAccessKey(), pair.accountId(),
                        Caller.rootArn(pair.accountId()), true), Instant.now())) {
                    throw new IllegalArgumentException("the access key id " + pair.accessKeyId() + " is given twice");
                }
            }
        }
        announce(announce, "dynamodb", dynamoDb.endpoint());
        for (LocalCredentials pair : credentials) {
            announce(announce, "credentials", pair.announced());
        }

        useDummyCredentialsUnlessConfigured();
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("MAX_NOTIFICATION_CONFIGURATIONS", "MAX_REQUEST_BODY_BYTES", "CONFIGURATION_CACHE_TTL_SECONDS",
                "ACCESS_KEY_CACHE_TTL_SECONDS")) {
            if (env.containsKey(name)) {
                settings.put(name, env.get(name));
            }
        }
        Set<String> domains = new LinkedHashSet<>(List.of(VIRTUAL_HOST_DOMAIN));
        domains.addAll(List.of(env.getOrDefault("VIRTUAL_HOST_DOMAINS", "").split(",")));
        domains.remove("");
        settings.put("AWS_REGION", region);
        settings.put("BUCKETS_TABLE", BUCKETS_TABLE);
        settings.put("ACCESS_KEYS_TABLE", ACCESS_KEYS_TABLE);
        // Locally, a key disabled with scripts/access-keys is refused at once (Lambda's default caches 30 s).
        settings.putIfAbsent("ACCESS_KEY_CACHE_TTL_SECONDS", "0");
        settings.put("VIRTUAL_HOST_DOMAINS", String.join(",", domains));
        settings.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        settings.put("AWS_ENDPOINT_URL_SNS", sns.toString());
        Settings handlerSettings = Settings.from(settings);
        ApiHandler handler = new ApiHandler(handlerSettings);

        // The fan-out function, fed the way Lambda's event source mapping feeds it: batches from the object-events
        // queue, only the messages that succeeded deleted, the others redriven to the dead-letter queue.
        SqsClient sqsClient = AwsTestClients.sqs(sqs);
        track(sqsClient);
        var queues = ObjectEventQueuePoller.createQueues(sqsClient, OBJECT_EVENTS_QUEUE, 3, Duration.ofSeconds(5));
        announce(announce, "object-events", queues.url());
        announce(announce, "object-events-dlq", queues.deadLetterUrl());
        var poller = new ObjectEventQueuePoller(sqsClient, queues, new ObjectEventHandler(handlerSettings)::handleRequest, region,
                Duration.ofSeconds(2));
        track(poller);
        poller.start();

        // Lambda runs one request per instance at a time and scales out; the handler is thread-safe, so one instance
        // serving a few threads behaves like a few warm instances.
        ExecutorService executor = Executors.newFixedThreadPool(4);
        track(executor::shutdownNow);
        server.setExecutor(executor);
        server.createContext("/", new ApiGatewayProxy(handler::handleRequest, region, account));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        awaitAnswers(endpoint, credentials.get(0), region);
        announce(announce, "ready", endpoint);
    }

    private static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another local stack running? Choose another port with --port", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** The service's endpoint variable, else {@code AWS_ENDPOINT_URL}, as the AWS SDKs read them; or null. */
    static URI endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.get(serviceVariable);
        if (value == null || value.isBlank()) {
            value = env.get("AWS_ENDPOINT_URL");
        }
        return value == null || value.isBlank() ? null : URI.create(value.trim());
    }

    private static void announce(Consumer<String> announce, String name, Object... values) {
        StringBuilder line = new StringBuilder(name);
        for (Object value : values) {
            line.append(' ').append(value);
        }
        announce.accept(line.toString());
    }

    /**
     * One signed request through the whole path (HTTP, the proxy, the handler, signature verification against the
     * access-key table, DynamoDB) before anyone is told "ready".
     */
    private static void awaitAnswers(URI endpoint, LocalCredentials credentials, String region) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest listBuckets = new SigV4Signing(credentials.accessKeyId(), credentials.secretAccessKey(), region,
                Clock.systemUTC()).httpRequest("GET", endpoint.resolve("/"), new byte[0])
                .timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response;
        try {
            response = http.send(listBuckets, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the local stack does not answer at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the local stack answers GET / with " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /**
     * Moto and DynamoDB Local accept any credentials. Unless the environment names some, use placeholders, so that
     * the SDK never looks further (profiles, SSO, the instance metadata service) for credentials it does not need.
     */
    private static void useDummyCredentialsUnlessConfigured() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    private static File motoLog() {
        try {
            File log = Files.createTempFile("local-stack-moto-", ".log").toFile();
            log.deleteOnExit();
            return log;
        } catch (IOException e) {
            return null; // moto's output is then discarded
        }
    }

    /** Registers something to stop on {@link #close()}; if the stack is already closing, stops it now. */
    private void track(AutoCloseable resource) {
        synchronized (started) {
            if (!closed) {
                started.push(resource);
                return;
            }
        }
        closeQuietly(resource);
        throw new IllegalStateException("the local stack is stopping");
    }

    /** Stops everything it started, in reverse order. */
    @Override
    public void close() {
        synchronized (started) {
            closed = true;
            while (!started.isEmpty()) {
                closeQuietly(started.pop());
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("local-stack: while stopping: " + e);
        }
    }

    public static void main(String[] args) {
        int port;
        Map<String, String> environment = new HashMap<>(System.getenv());
        try {
            port = port(args, System.getenv("PORT"));
            String credentials = credentials(args, System.getenv("LOCAL_CREDENTIALS"));
            if (credentials != null) {
                environment.put("LOCAL_CREDENTIALS", credentials);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (port < 0) {
            System.out.print(USAGE);
            return;
        }
        // Standard output carries the announcement lines only; logs (ours, the handler's, the emulators') go to stderr.
        PrintStream lines = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        JsonLog.redirect(System.err);

        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopChildren(); // also a moto server still starting when the signal came
        }, "local-stack-stop"));
        try {
            stack.startAll(port, environment, line -> {
                lines.println(line);
                lines.flush();
            });
        } catch (RuntimeException e) {
            System.err.println("local-stack: " + e.getMessage());
            if (e.getCause() != null) {
                System.err.println("local-stack: cause: " + e.getCause());
            }
            System.exit(1);
        }
    }

    /**
     * The port from {@code --port N} (or {@code --port=N}), else from {@code PORT}, else the default; -1 for help.
     */
    static int port(String[] args, String portVariable) {
        String value = portVariable == null || portVariable.isBlank() ? null : portVariable.trim();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return -1;
            } else if (arg.equals("--port")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--port needs a value");
                }
                value = args[++i];
            } else if (arg.startsWith("--port=")) {
                value = arg.substring("--port=".length());
            } else if (arg.equals("--credentials") && i + 1 < args.length) {
                i++; // read by credentials()
            } else if (!arg.startsWith("--credentials=")) {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a port number: " + value);
    }

    /**
     * The key pairs from {@code --credentials ID:SECRET:ACCOUNT} (repeated), else from {@code LOCAL_CREDENTIALS},
     * as the {@code LOCAL_CREDENTIALS} text; null for the defaults.
     */
    static String credentials(String[] args, String credentialsVariable) {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--credentials")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--credentials needs a value");
                }
                given.add(args[++i]);
            } else if (args[i].startsWith("--credentials=")) {
                given.add(args[i].substring("--credentials=".length()));
            }
        }
        String text = given.isEmpty() ? credentialsVariable : String.join(" ", given);
        LocalCredentials.parse(text); // refuse malformed values before anything starts
        return text;
    }

    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }
}
