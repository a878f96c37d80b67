package dev.s3notifications.reliability;

import dev.s3notifications.logging.JsonLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load run of mixed GET and PUT {@code ?notification} over loopback, at increasing concurrency: each step
 * runs C client threads, each sending one signed request at a time on kept-alive connections, for a fixed time after
 * a warm-up; it reports requests, errors (5xx or no answer), error rate, throughput and latency percentiles.
 * The PUTs carry {@code x-amz-skip-destination-validation} (so the run measures the API and its store, not the
 * SNS emulator's speed); each PUT writes one of a few valid configurations to one of several buckets.
 *
 * <p>{@code scripts/reliability load} runs {@link #main} against a local stack it starts in its own JVM, or against
 * any endpoint given with credentials; {@code LoadIT} runs a short form and asserts that there are no errors.
 */
public final class LoadRun {
    /** One step's figures. */
    public record Step(int concurrency, long requests, long errors, double seconds, long p50Micros, long p99Micros,
            long maxMicros, String firstError) {
        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }

        double throughput() {
            return requests / seconds;
        }
    }

    private final SignedS3Http http;
    private final List<String> buckets;
    private final double putShare;

    LoadRun(SignedS3Http http, List<String> buckets, double putShare) {
        this.http = http;
        this.buckets = buckets;
        this.putShare = putShare;
    }

    /** Creates {@code count} buckets with a configuration each; returns their names. */
    static List<String> createBuckets(SignedS3Http http, int count) throws IOException, InterruptedException {
        List<String> buckets = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            String bucket = "load-" + run + "-" + i;
            int status = http.send("PUT", "/" + bucket, Map.of(), new byte[0]).status();
            if (status != 200) {
                throw new IllegalStateException("CreateBucket " + bucket + " answered " + status);
            }
            buckets.add(bucket);
        }
        return buckets;
    }

    static String document(int variant) {
        return ConcurrentWrites.document(variant % 7, variant);
    }

    Step step(int concurrency, Duration warmUp, Duration measured) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        StringBuilder firstError = new StringBuilder();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int worker = t;
            threads.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                SplittableRandom random = new SplittableRandom(worker * 7919L + concurrency);
                long[] mine = new long[1 << 16];
                int n = 0;
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        break;
                    }
                    String bucket = buckets.get(random.nextInt(buckets.size()));
                    boolean put = random.nextDouble() < putShare;
                    String error = null;
                    try {
                        SignedS3Http.Answer answer = put
                                ? http.send("PUT", "/" + bucket + "?notification", Map.of(ConcurrentWrites.SKIP_VALIDATION, "true"),
                                        document(random.nextInt(100)).getBytes(StandardCharsets.UTF_8))
                                : http.send("GET", "/" + bucket + "?notification", Map.of(), new byte[0]);
                        if (answer.status() != 200) {
                            error = (put ? "PUT " : "GET ") + answer.status() + " " + answer.body();
                        }
                    } catch (IOException e) {
                        error = (put ? "PUT " : "GET ") + e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom) {
                        if (error != null) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError.isEmpty()) {
                                    firstError.append(error, 0, Math.min(error.length(), 300));
                                }
                            }
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = done - sent;
                    }
                }
                latencies[worker] = mine;
                counts[worker] = n;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (Math.max(System.nanoTime(), end) - measureFrom) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Step(concurrency, total, errors.get(), seconds, percentile(all, 0.50) / 1000, percentile(all, 0.99) / 1000,
                all.length == 0 ? 0 : all[all.length - 1] / 1000, firstError.toString());
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static String header() {
        return String.format(Locale.ROOT, "%11s %9s %7s %10s %10s %9s %9s %9s", "concurrency", "requests", "errors",
                "error rate", "req/s", "p50 ms", "p99 ms", "max ms");
    }

    static String line(Step s) {
        return String.format(Locale.ROOT, "%11d %9d %7d %9.2f%% %10.1f %9.2f %9.2f %9.2f", s.concurrency(), s.requests(),
                s.errors(), 100 * s.errorRate(), s.throughput(), s.p50Micros() / 1000.0, s.p99Micros() / 1000.0,
                s.maxMicros() / 1000.0);
    }

    /**
     * {@code scripts/reliability load [--steps 1,2,4,8,16,32,64] [--seconds 10] [--warm-up 3] [--put-share 0.2]
     * [--endpoint URL --access-key-id ID --secret-access-key SECRET]}.
     */
    public static void main(String[] args) throws Exception {
        List<Integer> steps = List.of(1, 2, 4, 8, 16, 32, 64);
        Duration measured = Duration.ofSeconds(10);
        Duration warmUp = Duration.ofSeconds(3);
        double putShare = 0.2;
        URI endpoint = null;
        String accessKeyId = null;
        String secret = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--seconds" -> measured = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--put-share" -> putShare = Double.parseDouble(args[++i]);
                case "--endpoint" -> endpoint = URI.create(args[++i]);
                case "--access-key-id" -> accessKeyId = args[++i];
                case "--secret-access-key" -> secret = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream())); // a log line per request would be the load
        AnnouncedStack local = endpoint == null ? new AnnouncedStack() : null;
        try (SignedS3Http http = local != null ? local.client() : new SignedS3Http(endpoint, accessKeyId, secret, "us-east-1")) {
            out.printf("Load: %.0f %% GET / %.0f %% PUT ?notification over 16 buckets at %s, %d s per step after %d s of"
                            + " warm-up, one request at a time per client thread, kept-alive connections, signed (SigV4)%n",
                    100 * (1 - putShare), 100 * putShare, local != null ? "a local stack in this JVM" : endpoint,
                    measured.toSeconds(), warmUp.toSeconds());
            out.println(header());
            LoadRun run = new LoadRun(http, createBuckets(http, 16), putShare);
            for (int concurrency : steps) {
                Step step = run.step(concurrency, warmUp, measured);
                out.println(line(step) + (step.firstError().isEmpty() ? "" : "   first error: " + step.firstError()));
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
        System.exit(0);
    }
}
