package dev.s3notifications.benchmark;

import dev.s3notifications.local.EmbeddedApiServer;
import dev.s3notifications.local.LocalStack;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.testing.MotoServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The same keep-alive HTTP loop of {@code PUT ?notification} + {@code GET ?notification} against our local stack
 * (the API function's handler behind the API Gateway stand-in, DynamoDB Local in the same JVM) and against moto's S3
 * server, in one run (issue 7, target 4). Each request is signed once (SigV4 for s3, as the AWS SDKs sign) and then
 * replayed unchanged; the PUT carries {@code x-amz-skip-destination-validation: true}, so neither server sends test
 * messages and both do only their own work. One client thread, one connection, HTTP/1.1. Pairs per second for 1,
 * 10 and 100 configurations, the two servers alternating round by round; the median round counts.
 *
 * <p>{@code --access-key K --secret-key S --account A} sign with those credentials, which our servers are given as
 * their key pair (default: the local stack's first default pair; moto checks no signature);
 * {@code --seconds N} per round (default 5), {@code --rounds N} (default 3), {@code --quick} for a smoke run.
 */
public final class HttpPairsBenchmark {
    private static final String BUCKET = "pairs-benchmark";
    private static final int[] SIZES = {1, 10, 100};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AwsBasicCredentials credentials;

    private HttpPairsBenchmark(AwsBasicCredentials credentials) {
        this.credentials = credentials;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("quick");
        // The JDK's HTTP server (the API Gateway stand-in) otherwise leaves Nagle's algorithm on: a response written in
        // two segments then waits for the client's delayed ACK (40 ms), which would be measured instead of the server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        double seconds = Double.parseDouble(options.getOrDefault("seconds", quick ? "0.3" : "5"));
        double warmUp = Double.parseDouble(options.getOrDefault("warm-up", quick ? "0.3" : "20"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", quick ? "1" : "3"));
        JsonLog.redirect(Boolean.getBoolean("benchmark.log") ? System.err : new PrintStream(OutputStream.nullOutputStream())); // logged at full cost, unseen
        PrintStream stdout = System.out;
        System.setOut(System.err);
        File motoLog = Files.createTempFile("pairs-moto-", ".log").toFile();
        motoLog.deleteOnExit();
        // Signed with the local stack's first default key pair unless told otherwise; both of our servers know it.
        String accessKey = options.getOrDefault("access-key", "AKIAIOSFODNN7EXAMPLE");
        String secretKey = options.getOrDefault("secret-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        String account = options.getOrDefault("account", "123456789012");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("AWS_ENDPOINT_URL");
        env.put("LOCAL_CREDENTIALS", accessKey + ":" + secretKey + ":" + account);
        try (MotoServer peer = MotoServer.start(0, motoLog);
                EmbeddedApiServer embedded = EmbeddedApiServer.start(peer.endpoint(), accessKey, secretKey, account);
                LocalStack stack = LocalStack.start(0, env, line -> { })) {
            AwsBasicCredentials credentials = AwsBasicCredentials.create(accessKey, secretKey);
            Map<String, URI> servers = new LinkedHashMap<>();
            servers.put("ours, DDB embedded", embedded.endpoint());
            servers.put("ours, local stack", stack.endpoint());
            servers.put("moto S3 " + motoVersion(), peer.endpoint());
            new HttpPairsBenchmark(credentials).report(stdout, servers, warmUp, seconds, rounds,
                    Path.of("target", "benchmark", quick ? "http-pairs-quick.json" : "http-pairs.json"));
        }
    }

    private void report(PrintStream out, Map<String, URI> servers, double warmUp, double seconds, int rounds, Path results)
            throws Exception {
        out.printf("PUT+GET ?notification pairs per second, one keep-alive HTTP/1.1 connection, each request signed once and"
                + " replayed; after %.0f s of warm-up per server, %d round(s) of %.1f s per server and size, alternating;"
                + " median round.%n", warmUp, rounds, seconds);
        out.printf("JVM %s %s, flags %s; client and both servers on this machine (%d cores, shared).%n%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().availableProcessors());
        List<String> names = new ArrayList<>(servers.keySet()); // ours first, the peer last
        String peerName = names.get(names.size() - 1);
        for (String name : names) {
            URI endpoint = servers.get(name);
            send(sign("PUT", endpoint, "/" + BUCKET, null, new byte[0], Map.of()), 200);
        }
        // Warm-up: every server through every size, until the JIT (ours, and DynamoDB Local's) has settled.
        Map<String, List<HttpRequest[]>> warmUpPairs = new LinkedHashMap<>();
        for (String name : names) {
            List<HttpRequest[]> all = new ArrayList<>();
            for (int size : SIZES) {
                all.add(pair(servers.get(name), size));
            }
            warmUpPairs.put(name, all);
        }
        for (String name : names) {
            for (HttpRequest[] pair : warmUpPairs.get(name)) {
                loop(pair, warmUp / SIZES.length);
            }
        }
        StringBuilder header = new StringBuilder(String.format("%-16s", "configurations"));
        names.forEach(name -> header.append(String.format(" %20s", name)));
        names.subList(0, names.size() - 1).forEach(name -> header.append(String.format(" %12s", name.substring(6, Math.min(name.length(), 16)) + "/moto")));
        out.println(header);
        StringBuilder json = new StringBuilder("{\"seconds\":" + seconds + ",\"rounds\":" + rounds + ",\"sizes\":{");
        for (int size : SIZES) {
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, HttpRequest[]> pairs = new LinkedHashMap<>();
            for (String name : names) {
                pairs.put(name, pair(servers.get(name), size));
                rates.put(name, new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                List<String> order = new ArrayList<>(names);
                if (r % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String name : order) {
                    rates.get(name).add(loop(pairs.get(name), seconds));
                }
            }
            double peer = median(rates.get(peerName));
            StringBuilder line = new StringBuilder(String.format("%-16d", size));
            names.forEach(name -> line.append(String.format(" %20.1f", median(rates.get(name)))));
            names.subList(0, names.size() - 1).forEach(name -> line.append(String.format(" %11.1fx", median(rates.get(name)) / peer)));
            line.append("   median PUT/GET ms:");
            names.forEach(name -> line.append(' ').append(latency(pairs.get(name))));
            out.println(line);
            json.append(size == SIZES[0] ? "" : ",").append('"').append(size).append("\":{");
            for (String name : names) {
                json.append(name == names.get(0) ? "" : ",").append('"').append(name).append("\":{\"median\":")
                        .append(median(rates.get(name))).append(",\"rounds\":").append(rates.get(name)).append('}');
            }
            json.append('}');
        }
        json.append("},\"peer\":\"").append(peerName).append("\"}");
        Files.createDirectories(results.getParent());
        Files.writeString(results, json);
        out.printf("%nours >= 5x moto at 100 configurations: see the ratio above (results: %s)%n", results);
    }

    /** The two signed requests of one pair for a configuration of {@code size} topic configurations. */
    private HttpRequest[] pair(URI endpoint, int size) {
        byte[] body = PutNotificationBenchmark.configuration(size).getBytes(StandardCharsets.UTF_8);
        HttpRequest put = sign("PUT", endpoint, "/" + BUCKET, "notification", body,
                Map.of("x-amz-skip-destination-validation", "true", "Content-Type", "application/xml"));
        HttpRequest get = sign("GET", endpoint, "/" + BUCKET, "notification", new byte[0], Map.of());
        send(put, 200);
        String document = send(get, 200);
        if (!document.contains("config-" + (size - 1))) {
            throw new IllegalStateException(endpoint + " did not store the configuration: " + document);
        }
        return new HttpRequest[] {put, get};
    }

    /** Latencies of the last round's PUTs and GETs, by server, for the latency table. */
    private final Map<HttpRequest[], long[][]> latencies = new HashMap<>();

    /** Pairs per second over {@code seconds}. */
    private double loop(HttpRequest[] pair, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Long> puts = new ArrayList<>();
        List<Long> gets = new ArrayList<>();
        int pairs = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            send(pair[0], 200);
            long t1 = System.nanoTime();
            send(pair[1], 200);
            puts.add(t1 - t0);
            gets.add(System.nanoTime() - t1);
            pairs++;
        }
        latencies.put(pair, new long[][] {puts.stream().mapToLong(Long::longValue).sorted().toArray(),
                gets.stream().mapToLong(Long::longValue).sorted().toArray()});
        return pairs / ((System.nanoTime() - start) / 1e9);
    }

    private String latency(HttpRequest[] pair) {
        long[][] l = latencies.get(pair);
        return String.format("%.2f/%.2f", l[0][l[0].length / 2] / 1e6, l[1][l[1].length / 2] / 1e6);
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request signed with SigV4 for s3 (payload hash in x-amz-content-sha256), as the AWS SDKs sign it. */
    private HttpRequest sign(String method, URI endpoint, String path, String query, byte[] body, Map<String, String> headers) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol(endpoint.getScheme()).host(endpoint.getHost()).port(endpoint.getPort()).encodedPath(path);
        if (query != null) {
            unsigned.putRawQueryParameter(query, "");
        }
        headers.forEach(unsigned::putHeader);
        if (body.length > 0) {
            unsigned.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned.build())
                .payload(body.length > 0 ? ContentStreamProvider.fromByteArray(body) : null)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri()).timeout(Duration.ofSeconds(30))
                .method(method, body.length > 0 ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        signed.request().forEachHeader((name, values) -> {
            if (!List.of("host", "content-length").contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static String motoVersion() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import moto; print(moto.__version__)").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return version;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (name.equals("quick")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
        }
        return options;
    }
}
