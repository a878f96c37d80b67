package dev.s3notifications.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3notifications.local.LocalStackProcess;
import dev.s3notifications.testing.ChildProcess;
import dev.s3notifications.testing.MotoServer;
import dev.s3notifications.testing.SigV4Signing;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PUT+GET {@code ?notification} pairs per second against what users run: the local stack started the README's way
 * ({@code scripts/local-stack}, a process of its own, built and with its own JVM flags), once with its default
 * in-memory store and once with {@code --dynamodb} on a moto server, and moto's S3 server as the peer. Two clients,
 * each on one kept-alive connection per server: Python's {@code requests}, every request signed just before it is
 * sent by botocore's S3 SigV4 signer as boto3 signs it ({@code src/test/python/http_pairs_client.py}), and the JDK's
 * {@code HttpClient} (HTTP/1.1) replaying requests signed once by the SDK's signer. The PUT carries
 * {@code x-amz-skip-destination-validation: true}, so no server sends test messages. 1, 10 and 100 configurations;
 * after a warm-up, every client and server in turn for each round, the order reversed every other round; the median
 * round counts.
 *
 * <p>{@code --seconds N} per round (default 5), {@code --rounds N} (default 3), {@code --warm-up N} seconds per
 * client and server (default 20), {@code --quick} for a smoke run.
 */
public final class HttpPairsBenchmark {
    private static final String BUCKET = "pairs-benchmark";
    private static final int[] SIZES = {1, 10, 100};
    /** The local stack's first default key pair; moto checks no signature. */
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String REGION = "us-east-1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pairs per second over a run, and the median latencies of its PUTs and GETs. */
    record Rate(double pairsPerSecond, double putMillis, double getMillis) {
    }

    /** A client that sends pairs to a server for a while. */
    interface Client {
        Rate pairs(URI endpoint, int size, double seconds);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("quick");
        double seconds = Double.parseDouble(options.getOrDefault("seconds", quick ? "0.3" : "5"));
        double warmUp = Double.parseDouble(options.getOrDefault("warm-up", quick ? "0.3" : "20"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", quick ? "1" : "3"));
        PrintStream out = System.out;
        System.setOut(System.err); // the report alone on standard output
        File motoLog = Files.createTempFile("pairs-moto-", ".log").toFile();
        motoLog.deleteOnExit();
        String motoVersion = version("moto");
        try (MotoServer peer = MotoServer.start(0, motoLog);
                MotoServer dynamoDb = MotoServer.start(0, motoLog);
                LocalStackProcess embedded = LocalStackProcess.start(Map.of(), READY_TIMEOUT, "--port", "0");
                LocalStackProcess withDynamoDb = LocalStackProcess.start(Map.of(), READY_TIMEOUT, "--port", "0",
                        "--dynamodb", dynamoDb.endpoint().toString());
                PythonClient python = PythonClient.start()) {
            Map<String, URI> servers = new LinkedHashMap<>();
            servers.put("local stack", embedded.endpoint());
            servers.put("local stack --dynamodb", withDynamoDb.endpoint());
            servers.put("moto S3 " + motoVersion, peer.endpoint());
            Map<String, Client> clients = new LinkedHashMap<>();
            clients.put("python", python);
            clients.put("jdk", new JdkClient());
            out.printf("PUT+GET ?notification pairs per second, one kept-alive connection per client and server; %.0f s of"
                    + " warm-up per client and server, then %d round(s) of %.1f s per client, server and size, in turn;"
                    + " median round.%n", warmUp, rounds, seconds);
            out.printf("local stack: scripts/local-stack --port 0 (%s, ready after %.2f s); local stack --dynamodb:"
                    + " scripts/local-stack --port 0 --dynamodb <moto %s> (%s, ready after %.2f s); both built beforehand.%n",
                    "store " + embedded.announced().get("store"), embedded.untilReady().toMillis() / 1e3, motoVersion,
                    "store " + withDynamoDb.announced().get("store"), withDynamoDb.untilReady().toMillis() / 1e3);
            out.printf("python: requests %s, signed per request by botocore %s; jdk: %s %s HttpClient, requests signed once"
                    + " and replayed. Clients and servers share this machine's %d cores.%n%n", version("requests"),
                    version("botocore"), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            new HttpPairsBenchmark().report(out, servers, clients, warmUp, seconds, rounds,
                    Path.of("target", "benchmark", quick ? "http-pairs-quick.json" : "http-pairs.json"));
        }
    }

    private void report(PrintStream out, Map<String, URI> servers, Map<String, Client> clients, double warmUp,
            double seconds, int rounds, Path results) throws IOException {
        JdkClient setUp = new JdkClient();
        servers.values().forEach(endpoint -> setUp.createBucket(endpoint));
        List<String> serverNames = new ArrayList<>(servers.keySet()); // the peer last
        String peer = serverNames.get(serverNames.size() - 1);
        List<String[]> pairings = new ArrayList<>();
        for (String client : clients.keySet()) {
            for (String server : serverNames) {
                pairings.add(new String[] {client, server});
            }
        }
        for (String[] pairing : pairings) { // the JIT of the stacks' JVMs, the connections, moto's imports
            for (int size : SIZES) {
                clients.get(pairing[0]).pairs(servers.get(pairing[1]), size, warmUp / SIZES.length);
            }
        }

        StringBuilder header = new StringBuilder(String.format("%-15s %-7s", "configurations", "client"));
        serverNames.forEach(name -> header.append(String.format(" %24s", name)));
        serverNames.subList(0, serverNames.size() - 1).forEach(name -> header.append(String.format(" %17s",
                (name.equals("local stack") ? name : name.substring("local stack ".length())) + "/moto")));
        out.println(header);
        ObjectNode json = JSON.createObjectNode().put("seconds", seconds).put("rounds", rounds).put("peer", peer);
        ObjectNode bySize = json.putObject("sizes");
        Map<String, List<Double>> targetRatios = new LinkedHashMap<>();
        for (int size : SIZES) {
            Map<String, List<Rate>> rates = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                List<String[]> order = new ArrayList<>(pairings);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String[] pairing : order) {
                    rates.computeIfAbsent(pairing[0] + " " + pairing[1], k -> new ArrayList<>())
                            .add(clients.get(pairing[0]).pairs(servers.get(pairing[1]), size, seconds));
                }
            }
            ObjectNode sizeJson = bySize.putObject(Integer.toString(size));
            for (String client : clients.keySet()) {
                StringBuilder line = new StringBuilder(String.format("%-15d %-7s", size, client));
                StringBuilder latencies = new StringBuilder("   median PUT/GET ms:");
                ObjectNode clientJson = sizeJson.putObject(client);
                double peerRate = medianRound(rates.get(client + " " + peer)).pairsPerSecond();
                for (String server : serverNames) {
                    Rate median = medianRound(rates.get(client + " " + server));
                    line.append(String.format(" %24.1f", median.pairsPerSecond()));
                    latencies.append(String.format(" %.2f/%.2f", median.putMillis(), median.getMillis()));
                    ObjectNode serverJson = clientJson.putObject(server).put("median", median.pairsPerSecond())
                            .put("putMillis", median.putMillis()).put("getMillis", median.getMillis());
                    rates.get(client + " " + server).forEach(rate -> serverJson.withArray("rounds").add(rate.pairsPerSecond()));
                }
                for (String server : serverNames.subList(0, serverNames.size() - 1)) {
                    double ratio = medianRound(rates.get(client + " " + server)).pairsPerSecond() / peerRate;
                    line.append(String.format(" %16.1fx", ratio));
                    if (client.equals("python") && server.equals(serverNames.get(0))) {
                        targetRatios.computeIfAbsent("python", k -> new ArrayList<>()).add(ratio);
                    }
                }
                out.println(line.append(latencies));
            }
        }
        Files.createDirectories(results.getParent());
        Files.writeString(results, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        List<Double> ratios = targetRatios.get("python");
        boolean met = ratios.stream().allMatch(ratio -> ratio >= 3);
        out.printf("%nlocal stack (store embedded), python client, >= 3x moto's S3 at 1, 10 and 100 configurations: %s"
                + " (%s); results: %s%n", met ? "met" : "NOT MET",
                String.join(", ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.1fx", r)).toList()), results);
    }

    /** The JDK's HttpClient, one HTTP/1.1 connection per server, replaying requests signed once with the SDK's signer. */
    static final class JdkClient implements Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final SigV4Signing signing = new SigV4Signing(ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION, Clock.systemUTC());
        private final Map<String, HttpRequest[]> pairs = new HashMap<>();

        void createBucket(URI endpoint) {
            send(sign("PUT", endpoint, null, new byte[0], Map.of()), 200);
        }

        @Override
        public Rate pairs(URI endpoint, int size, double seconds) {
            HttpRequest[] pair = pairs.computeIfAbsent(endpoint + " " + size, key -> pair(endpoint, size));
            List<Double> puts = new ArrayList<>();
            List<Double> gets = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                send(pair[0], 200);
                long t1 = System.nanoTime();
                send(pair[1], 200);
                puts.add((t1 - t0) / 1e6);
                gets.add((System.nanoTime() - t1) / 1e6);
            }
            return new Rate(puts.size() / ((System.nanoTime() - start) / 1e9), median(puts), median(gets));
        }

        /** The two signed requests of one pair for a configuration of {@code size} topic configurations. */
        private HttpRequest[] pair(URI endpoint, int size) {
            byte[] body = PutNotificationBenchmark.configuration(size).getBytes(StandardCharsets.UTF_8);
            HttpRequest put = sign("PUT", endpoint, "notification", body, Map.of("x-amz-skip-destination-validation", "true"));
            HttpRequest get = sign("GET", endpoint, "notification", new byte[0], Map.of());
            send(put, 200);
            String document = send(get, 200);
            if (!document.contains("config-" + (size - 1))) {
                throw new IllegalStateException(endpoint + " did not store the configuration: " + document);
            }
            return new HttpRequest[] {put, get};
        }

        private String send(HttpRequest request, int expected) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * The request signed with SigV4 for s3 (payload hash in x-amz-content-sha256, Content-Length signed), as the
         * AWS SDKs sign it.
         */
        private HttpRequest sign(String method, URI endpoint, String query, byte[] body, Map<String, String> headers) {
            Map<String, String> signed = new LinkedHashMap<>(headers);
            if (body.length > 0) {
                signed.put("Content-Length", Integer.toString(body.length));
            }
            URI uri = endpoint.resolve("/" + BUCKET + (query == null ? "" : "?" + query));
            return signing.httpRequest(method, uri, signed, body).timeout(Duration.ofSeconds(30)).build();
        }
    }

    /** {@code src/test/python/http_pairs_client.py} in a child process, one JSON command and answer per run. */
    static final class PythonClient implements Client, AutoCloseable {
        private final ChildProcess child;
        private final BufferedWriter commands;
        private final BufferedReader answers;

        private PythonClient(ChildProcess child) {
            this.child = child;
            this.commands = new BufferedWriter(new OutputStreamWriter(child.process().getOutputStream(), StandardCharsets.UTF_8));
            this.answers = new BufferedReader(new InputStreamReader(child.process().getInputStream(), StandardCharsets.UTF_8));
        }

        static PythonClient start() {
            return new PythonClient(ChildProcess.start("the Python client", new ProcessBuilder(python(),
                    "src/test/python/http_pairs_client.py", ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)));
        }

        @Override
        public Rate pairs(URI endpoint, int size, double seconds) {
            try {
                ObjectNode command = JSON.createObjectNode().put("endpoint", endpoint.toString()).put("bucket", BUCKET)
                        .put("body", PutNotificationBenchmark.configuration(size)).put("seconds", seconds);
                commands.write(JSON.writeValueAsString(command));
                commands.newLine();
                commands.flush();
                String line = answers.readLine();
                if (line == null) {
                    throw new IllegalStateException("the Python client exited (exit status " + child.process().waitFor() + ")");
                }
                JsonNode answer = JSON.readTree(line);
                if (answer.has("error")) {
                    throw new IllegalStateException("the Python client: " + answer.get("error").asText());
                }
                return new Rate(answer.get("pairs").asDouble() / answer.get("seconds").asDouble(),
                        median(answer.get("putMillis")), median(answer.get("getMillis")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static double median(JsonNode sorted) {
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2).asDouble();
        }

        @Override
        public void close() {
            child.close();
        }
    }

    private static Rate medianRound(List<Rate> rounds) {
        List<Rate> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare(a.pairsPerSecond(), b.pairsPerSecond()));
        return sorted.get(sorted.size() / 2);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static String python() {
        return System.getenv().getOrDefault("PYTHON", "python3");
    }

    /** A Python module's {@code __version__}, or "?". */
    private static String version(String module) {
        try {
            Process p = new ProcessBuilder(python(), "-c", "import " + module + "; print(" + module + ".__version__)")
                    .redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? version : "?";
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
