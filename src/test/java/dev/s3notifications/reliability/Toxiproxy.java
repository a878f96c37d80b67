package dev.s3notifications.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3notifications.testing.ChildProcess;
import dev.s3notifications.testing.FreePort;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Toxiproxy server (Shopify's TCP proxy that injects network faults: resets, stalls, latency, cut streams) in a
 * child process on 127.0.0.1, driven through its HTTP API and stopped by its PID. The binary comes from
 * {@code scripts/install-toxiproxy} ({@code .tools/bin/toxiproxy-server}), {@code $TOXIPROXY_SERVER} or the PATH.
 * <a href="https://github.com/Shopify/toxiproxy#toxics">Toxics</a>
 */
public final class Toxiproxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Toxiproxy(ChildProcess process, URI api) {
        this.process = process;
        this.api = api;
    }

    /** Starts a server; {@code seed} makes its choices of which connections get a toxic repeatable. */
    public static Toxiproxy start(long seed, File log) {
        Path binary = binary();
        int port = FreePort.find();
        ProcessBuilder builder = ChildProcess.logging(List.of(binary.toString(), "-host", "127.0.0.1", "-port",
                Integer.toString(port), "-seed", Long.toString(seed)), log);
        // Its default level traces every connection: megabytes a minute, and CPU the tests need.
        builder.environment().put("LOG_LEVEL", "warn");
        URI api = URI.create("http://127.0.0.1:" + port);
        return new Toxiproxy(ChildProcess.start("toxiproxy-server", builder).awaitHttp(api.resolve("/version"),
                Duration.ofSeconds(30), ""), api);
    }

    /** Where the server binary is; fails with what to do when there is none. */
    static Path binary() {
        String configured = System.getenv("TOXIPROXY_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path installed = dir.resolve(".tools/bin/toxiproxy-server");
            if (Files.isExecutable(installed)) {
                return installed;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "toxiproxy-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no toxiproxy-server: run scripts/install-toxiproxy (needs Go), "
                + "or set TOXIPROXY_SERVER to the binary");
    }

    public long pid() {
        return process.pid();
    }

    /** A proxy on a free port of 127.0.0.1 to {@code upstream} (an http URI's host and port); returns its endpoint. */
    public URI proxy(String name, URI upstream) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("listen", "127.0.0.1:0")
                .put("upstream", upstream.getHost() + ":" + upstream.getPort()).put("enabled", true);
        JsonNode created = call("POST", "/proxies", body, 201);
        return URI.create("http://" + created.get("listen").asText());
    }

    /**
     * Adds a toxic to a proxy.
     *
     * @param stream     {@code downstream} (server to client) or {@code upstream} (client to server)
     * @param toxicity   the probability that a new connection gets the toxic
     * @param attributes the toxic's own, e.g. {@code timeout} (ms) for {@code reset_peer} and {@code timeout}
     */
    public void addToxic(String proxy, String toxic, String type, String stream, double toxicity, Map<String, Object> attributes) {
        ObjectNode body = JSON.createObjectNode().put("name", toxic).put("type", type).put("stream", stream)
                .put("toxicity", toxicity);
        body.set("attributes", JSON.valueToTree(attributes));
        call("POST", "/proxies/" + proxy + "/toxics", body, 200);
    }

    /** Removes every toxic of every proxy, and enables every proxy again. */
    public void reset() {
        call("POST", "/reset", null, 204);
    }

    /** Cuts a proxy off (no connections accepted, open ones closed) or restores it. */
    public void enable(String proxy, boolean enabled) {
        call("POST", "/proxies/" + proxy, JSON.createObjectNode().put("enabled", enabled), 200);
    }

    private JsonNode call(String method, String path, JsonNode body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("toxiproxy " + method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("toxiproxy " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
        process.close();
    }
}
