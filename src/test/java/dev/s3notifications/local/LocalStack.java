package dev.s3notifications.local;

import com.sun.net.httpserver.HttpServer;
import dev.s3notifications.dynamodb.DynamoDbAccessKeyStore;
import dev.s3notifications.dynamodb.DynamoDbBucketStore;
import dev.s3notifications.dynamodb.DynamoDbTables;
import dev.s3notifications.handler.ApiHandler;
import dev.s3notifications.handler.FanOutHandler;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.memory.InMemoryAccessKeyStore;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.memory.InMemoryDeliveryLog;
import dev.s3notifications.memory.InMemoryDestinationHealthLog;
import dev.s3notifications.store.AccessKey;
import dev.s3notifications.store.AccessKeyRegistry;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.ChildProcess;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SigV4Signing;
import dev.s3notifications.wiring.AwsClients;
import dev.s3notifications.wiring.Settings;
import dev.s3notifications.wiring.Wiring;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stack: S3's bucket-notification API on 127.0.0.1, answered by the API function's own handler behind an
 * API Gateway stand-in ({@link ApiGatewayProxy}), and the fan-out function fed from an SQS queue. Both functions
 * keep their buckets and access keys in this process's memory ({@link InMemoryBucketStore},
 * {@link InMemoryAccessKeyStore}: one instance, shared), unless a DynamoDB endpoint is named ({@code --dynamodb URL},
 * else {@code AWS_ENDPOINT_URL_DYNAMODB}, else {@code AWS_ENDPOINT_URL}, as the AWS SDKs read them): then both are
 * wired exactly as in Lambda, over DynamoDB tables there. SNS, SQS and EventBridge are the emulator the standard
 * {@code AWS_ENDPOINT_URL_*} variables name, or else a moto server of its own; Lambda is the Invoke API that
 * {@code AWS_ENDPOINT_URL_LAMBDA} names, or else a {@link LocalLambda}. {@code scripts/local-stack} runs
 * {@link #main}; tests may {@link #start} one in their own JVM.
 *
 * <p>It announces itself on standard output, one {@code <name> <value>...} line each, ending with
 * {@code ready <endpoint>} once requests are answered. Everything else goes to standard error.
 */
public final class LocalStack implements AutoCloseable {
    public static final int DEFAULT_PORT = 9090;
    public static final String BUCKETS_TABLE = "s3-bucket-notifications-buckets";
    public static final String ACCESS_KEYS_TABLE = Settings.DEFAULT_ACCESS_KEYS_TABLE;
    public static final String DELIVERIES_TABLE = Settings.DEFAULT_DELIVERIES_TABLE;
    public static final String OBJECT_EVENTS_QUEUE = "object-events";
    /** How often the object-events queue hands a message out before its dead-letter queue gets it. */
    static final int MAX_RECEIVE_COUNT = 3;
    /** {@code <bucket>.localhost} addresses a bucket virtual-hosted-style; RFC 6761 reserves the name for loopback. */
    static final String VIRTUAL_HOST_DOMAIN = "localhost";
    /** The {@code store} line's values. */
    static final String EMBEDDED = "embedded";
    static final String DYNAMODB = "dynamodb";

    private static final String USAGE = """
            usage: scripts/local-stack [--port N] [--dynamodb URL] [--credentials ID:SECRET:ACCOUNT]...
              Starts S3's bucket-notification API on http://127.0.0.1:N (default %d, or $PORT; 0 picks a free port)
              with its buckets and access keys in memory (or in DynamoDB: --dynamodb) and a moto server for SNS, SQS
              and EventBridge, and prints
                moto <url>       when it started a moto server
                sns <url>        where it sends SNS requests (and the s3:TestEvent)
                sqs <url>        where it sends SQS requests (the s3:TestEvent, notifications to queues)
                events <url>     the EventBridge that gets the events of buckets with EventBridge turned on
                lambda <url>     the Lambda Invoke API that functions are invoked through
                lambda-invocations <queue url>
                                 without AWS_ENDPOINT_URL_LAMBDA: the functions created in moto are invoked by
                                 putting their payload on this queue (running them needs Docker)
                store embedded   buckets and access keys in this process's memory, gone when it stops; or
                store dynamodb   in the DynamoDB tables at the next line's endpoint, as in Lambda
                dynamodb <url>   that endpoint (only with store dynamodb)
                credentials <access key id> <secret key> <account id>
                                 one line per key pair requests may be signed with (two accounts by default)
                object-events <queue url>      the queue the fan-out function consumes (send object events here)
                object-events-dlq <queue url>  its dead-letter queue
                ready <url>      once it answers S3 requests at <url>
              SIGTERM or Ctrl-C stops it and everything it started.
              --dynamodb URL     buckets and access keys in the DynamoDB at URL (moto's, or AWS's) instead of in
                                 memory, so that both functions run exactly as in Lambda; creates the tables %s
                                 and %s there unless they exist
            environment:
              AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL
                                 an emulator that is already running (the service's variable first, as the AWS SDKs
                                 read them); unless all three are named it starts moto
              AWS_ENDPOINT_URL_LAMBDA
                                 an Invoke API that runs the functions (sam local start-lambda, AWS's), instead of
                                 the lambda-invocations queue
              AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL
                                 as --dynamodb URL, which takes precedence
              AWS_REGION         the region of buckets and topics (default us-east-1)
              LOCAL_CREDENTIALS  the key pairs to seed instead of the two defaults: ID:SECRET:ACCOUNT, several
                                 separated by spaces (--credentials, repeated, takes precedence); with --dynamodb URL,
                                 more with AWS_ENDPOINT_URL_DYNAMODB=URL scripts/access-keys create --account ID
              VIRTUAL_HOST_DOMAINS more host names for virtual-hosted-style requests besides localhost
            """.formatted(DEFAULT_PORT, BUCKETS_TABLE, ACCESS_KEYS_TABLE);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<String> announced = new CopyOnWriteArrayList<>();
    private boolean closed;
    private volatile URI endpoint;
    private volatile BucketStore bucketStore;
    private volatile AccessKeyRegistry accessKeyStore;
    private volatile Wiring.Stores stores;

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
            stack.startAll(port, environment, line -> {
                stack.announced.add(line);
                announce.accept(line);
            });
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The first key pair it announced, in the variables the AWS CLI, boto3 and the SDKs read credentials from. */
    public Map<String, String> credentialsEnvironment() {
        String[] pair = announced("credentials").split(" ");
        return Map.of("AWS_ACCESS_KEY_ID", pair[0], "AWS_SECRET_ACCESS_KEY", pair[1]);
    }

    /** What the stack announced on the line {@code name} (its first, for {@code credentials}), without the name. */
    public String announced(String name) {
        return announced.stream().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> line.substring(name.length() + 1))
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " line in " + announced));
    }

    /** The buckets both functions read and write: for tests in this JVM that look behind the API. */
    public BucketStore bucketStore() {
        return bucketStore;
    }

    /** Everything both functions keep: for tests in this JVM that run another handler over the same state. */
    public Wiring.Stores stores() {
        return stores;
    }

    /** The access keys requests are verified against: for tests in this JVM that look behind the API. */
    public AccessKeyRegistry accessKeyStore() {
        return accessKeyStore;
    }

    private void startAll(int port, Map<String, String> env, Consumer<String> announce) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        List<LocalCredentials> credentials = LocalCredentials.parse(env.get("LOCAL_CREDENTIALS"));
        String account = credentials.get(0).accountId(); // the API's own account, as API Gateway reports it
        URI sns = endpoint(env, "AWS_ENDPOINT_URL_SNS");
        URI sqs = endpoint(env, "AWS_ENDPOINT_URL_SQS");
        URI events = endpoint(env, "AWS_ENDPOINT_URL_EVENTBRIDGE");
        URI lambda = endpoint(env, "AWS_ENDPOINT_URL_LAMBDA");
        URI dynamoDb = endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB");

        // Python imports moto for half a second: start it first, and do the rest while it does.
        MotoServer moto = null;
        if (sns == null || sqs == null || events == null) {
            moto = MotoServer.launch(0, null);
            track(moto);
            sns = sns == null ? moto.endpoint() : sns;
            sqs = sqs == null ? moto.endpoint() : sqs;
            events = events == null ? moto.endpoint() : events;
        }
        HttpServer server = bind(port);
        track(() -> server.stop(0));
        useDummyCredentialsUnlessConfigured(sns, sqs, events, lambda, dynamoDb);
        // The SQS client and the fan-out function's queues, made on another thread (the queues as soon as the
        // emulator answers), while this one builds the functions: most of the start-up is loading their classes.
        URI sqsEndpoint = sqs;
        MotoServer starting = moto;
        CompletableFuture<SqsClient> sqsClient = CompletableFuture.supplyAsync(() -> {
            SqsClient client = AwsTestClients.sqs(sqsEndpoint);
            track(client);
            return client;
        }, task -> new Thread(task, "local-stack-sqs").start());
        CompletableFuture<ObjectEventQueuePoller.Queues> queues = sqsClient.thenApplyAsync(client -> {
            if (starting != null) {
                try {
                    starting.awaitReady();
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("needs a moto server for SNS, SQS and EventBridge: pip install"
                            + " 'moto[server]' (or point AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_SQS and"
                            + " AWS_ENDPOINT_URL_EVENTBRIDGE at an emulator that is already running): " + e.getMessage(), e);
                }
            }
            return ObjectEventQueuePoller.createQueues(client, OBJECT_EVENTS_QUEUE, MAX_RECEIVE_COUNT, Duration.ofSeconds(5));
        }, Runnable::run);
        // Lambda: the endpoint named, or an Invoke API of our own that knows the functions created in moto and puts
        // what it would invoke them with on a queue, since running them needs Docker.
        LocalLambda localLambda = null;
        if (lambda == null) {
            localLambda = LocalLambda.start(region, credentials.get(0).accountId(), moto != null ? moto.endpoint() : sqs);
            track(localLambda);
            lambda = localLambda.endpoint();
        }

        Settings settings = settings(env, region, new Endpoints(sns, sqs, events, lambda, dynamoDb));
        ApiHandler api;
        FanOutHandler fanOut;
        if (dynamoDb == null) {
            InMemoryBucketStore buckets = new InMemoryBucketStore();
            InMemoryAccessKeyStore keys = InMemoryAccessKeyStore.holding(
                    credentials.stream().map(LocalCredentials::accessKey).toArray(AccessKey[]::new));
            bucketStore = buckets;
            accessKeyStore = keys;
            stores = new Wiring.Stores(buckets, keys, new InMemoryDeliveryLog(), new InMemoryDestinationHealthLog());
            api = new ApiHandler(settings, stores);
            fanOut = new FanOutHandler(settings, stores);
        } else {
            DynamoDbClient client = AwsClients.dynamoDb(settings);
            track(client);
            bucketStore = new DynamoDbBucketStore(client, BUCKETS_TABLE);
            accessKeyStore = new DynamoDbAccessKeyStore(client, ACCESS_KEYS_TABLE);
            stores = Wiring.Stores.dynamoDb(settings, client);
            createTablesUnlessTheyExist(client);
            seed(accessKeyStore, credentials);
            // As in Lambda: each function wires its own clients from its settings.
            api = new ApiHandler(settings);
            fanOut = new FanOutHandler(settings);
        }
        ObjectEventQueuePoller.Queues created = join(queues);
        if (moto != null) {
            announce(announce, "moto", moto.endpoint());
        }
        announce(announce, "sns", sns);
        announce(announce, "sqs", sqs);
        announce(announce, "events", events);
        announce(announce, "lambda", lambda);
        if (localLambda != null) {
            announce(announce, "lambda-invocations", localLambda.invocationsQueue());
        }
        announce(announce, "store", dynamoDb == null ? EMBEDDED : DYNAMODB);
        if (dynamoDb != null) {
            announce(announce, "dynamodb", dynamoDb);
        }
        for (LocalCredentials pair : credentials) {
            announce(announce, "credentials", pair.announced());
        }

        // The fan-out function, fed the way Lambda's event source mapping feeds it: batches from the object-events
        // queue, only the messages that succeeded deleted, the others redriven to the dead-letter queue.
        announce(announce, "object-events", created.url());
        announce(announce, "object-events-dlq", created.deadLetterUrl());
        var poller = new ObjectEventQueuePoller(join(sqsClient), created, fanOut::handleRequest, region, Duration.ofSeconds(2));
        track(poller);
        poller.start();

        // Lambda runs one request per instance at a time and scales out; the handler is thread-safe, so one instance
        // serving a few threads behaves like a few warm instances.
        ExecutorService executor = Executors.newFixedThreadPool(4);
        track(executor::shutdownNow);
        server.setExecutor(executor);
        server.createContext("/", new ApiGatewayProxy(api::handleRequest, region, account));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        awaitAnswers(endpoint, credentials.get(0), region);
        announce(announce, "ready", endpoint);
    }

    /** Where the functions' AWS services are; DynamoDB null for the in-memory stores. */
    private record Endpoints(URI sns, URI sqs, URI events, URI lambda, URI dynamoDb) {
    }

    /** The functions' settings: the tables, the endpoints, and what the environment overrides. */
    private static Settings settings(Map<String, String> env, String region, Endpoints endpoints) {
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("MAX_NOTIFICATION_CONFIGURATIONS", "MAX_REQUEST_BODY_BYTES", "CONFIGURATION_CACHE_TTL_SECONDS",
                "ACCESS_KEY_CACHE_TTL_SECONDS", "PRIME_AT_INIT", "EVENT_BUS_NAME", "EVENT_SOURCE")) {
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
        // Priming shortens a Lambda function's first request; a local server answers a request before "ready" anyway.
        settings.putIfAbsent("PRIME_AT_INIT", "false");
        settings.put("VIRTUAL_HOST_DOMAINS", String.join(",", domains));
        settings.put("DELIVERIES_TABLE", DELIVERIES_TABLE);
        settings.put("MAX_RECEIVE_COUNT", Integer.toString(MAX_RECEIVE_COUNT));
        if (endpoints.dynamoDb() != null) {
            settings.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb().toString());
        }
        settings.put("AWS_ENDPOINT_URL_SNS", endpoints.sns().toString());
        settings.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs().toString());
        settings.put("AWS_ENDPOINT_URL_EVENTBRIDGE", endpoints.events().toString());
        settings.put("AWS_ENDPOINT_URL_LAMBDA", endpoints.lambda().toString());
        return Settings.from(settings);
    }

    /** The future's value; its failure as thrown by the task. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The tables of an earlier run, or the user's, are used as they are. */
    private static void createTablesUnlessTheyExist(DynamoDbClient client) {
        DynamoDbTables.createUnlessExists(() -> DynamoDbTables.createBuckets(client, BUCKETS_TABLE));
        DynamoDbTables.createUnlessExists(() -> DynamoDbTables.createAccessKeys(client, ACCESS_KEYS_TABLE));
        DynamoDbTables.createUnlessExists(() -> DynamoDbTables.createDeliveries(client, DELIVERIES_TABLE));
    }

    /** Puts the key pairs in the table; one there already must be the same pair (an earlier run seeded it). */
    private static void seed(AccessKeyRegistry keys, List<LocalCredentials> credentials) {
        Set<String> ids = new HashSet<>();
        for (LocalCredentials pair : credentials) {
            if (!ids.add(pair.accessKeyId())) {
                throw new IllegalArgumentException("the access key id " + pair.accessKeyId() + " is given twice");
            }
            AccessKey key = pair.accessKey();
            if (!keys.create(key, Instant.now()) && !keys.find(key.accessKeyId()).map(key::equals).orElse(false)) {
                throw new IllegalArgumentException("the access key id " + pair.accessKeyId()
                        + " is in the table already, with another secret, account or principal, or disabled");
            }
        }
    }

    private static HttpServer bind(int port) {
        // With Nagle's algorithm on, a response written in more than one piece waits for the client's delayed ACK
        // (40 ms on Linux) before its last piece leaves. JDK 25's server writes each response in one piece, but the
        // stack must not depend on it, so it answers with TCP_NODELAY. The server reads this once, when the JVM's
        // first HttpServer is made (scripts/local-stack: this one); a value given with -D stays.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
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
     * Emulators accept any credentials. When every endpoint is on this machine and the environment names no
     * credentials, use placeholders, so that the SDK never looks further (profiles, SSO, the instance metadata
     * service) for credentials it does not need; a DynamoDB elsewhere gets the default chain's.
     */
    private static void useDummyCredentialsUnlessConfigured(URI... endpoints) {
        boolean allLocal = Stream.of(endpoints).allMatch(uri -> uri == null || isLoopback(uri));
        if (allLocal && System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
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
            String dynamoDb = dynamoDb(args);
            if (dynamoDb != null) {
                environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb);
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
            } else if ((arg.equals("--credentials") || arg.equals("--dynamodb")) && i + 1 < args.length) {
                i++; // read by credentials() or dynamoDb()
            } else if (!arg.startsWith("--credentials=") && !arg.startsWith("--dynamodb=")) {
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

    /** The endpoint from {@code --dynamodb URL} (or {@code --dynamodb=URL}), or null. */
    static String dynamoDb(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--dynamodb")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--dynamodb needs a URL");
                }
                value = args[++i];
            } else if (args[i].startsWith("--dynamodb=")) {
                value = args[i].substring("--dynamodb=".length());
            }
        }
        if (value != null) {
            URI uri;
            try {
                uri = new URI(value.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--dynamodb: not a URL: " + value);
            }
            if (uri.getScheme() == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException("--dynamodb: not an http(s) URL: " + value);
            }
        }
        return value == null ? null : value.trim();
    }

    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy); // all at once; then each gets its SIGKILL after 10 s
        children.forEach(child -> ChildProcess.stop(child, ChildProcess.STOP_TIMEOUT));
    }
}
