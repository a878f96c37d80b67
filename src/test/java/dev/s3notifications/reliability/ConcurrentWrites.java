package dev.s3notifications.reliability;

import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.xml.NotificationConfigurationXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W writers × P PUTs of different valid configurations to one bucket through the local stack's HTTP path (signed
 * requests, API Gateway stand-in, the API function, its store), while readers GET the configuration and a
 * churner deletes and re-creates another bucket. What it records lets {@code ConcurrencyIT} check: no 5xx; every GET
 * body, byte for byte, one of the documents written (each writer's documents are distinct and name their writer
 * and PUT, so a mix of two is not any of them); and that the final document is a write no acknowledged write
 * came strictly after (the real-time order of a register), with the store's version grown by exactly the number of
 * acknowledged PUTs (no lost and no phantom write).
 */
final class ConcurrentWrites {
    static final String SKIP_VALIDATION = "x-amz-skip-destination-validation";

    /** One PUT as the writer saw it: when it was sent and acknowledged (nanoTime), and the answer. */
    record Put(int writer, int index, long sentAt, long answeredAt, int status) {
    }

    /** Everything a run saw. */
    record Result(List<Put> puts, Map<String, String> bodyToDocument, Map<String, Integer> statuses, int gets,
            List<String> unknownGetBodies, int churnOperations, String finalBody, long elapsedNanos) {
    }

    private final SignedS3Http http;
    private final String bucket;
    private final String churnBucket;

    ConcurrentWrites(SignedS3Http http, String bucket, String churnBucket) {
        this.http = http;
        this.bucket = bucket;
        this.churnBucket = churnBucket;
    }

    /** The document writer w sends in its i-th PUT: 1 to 4 configurations whose Ids and prefixes name w and i. */
    static String document(int writer, int index) {
        StringBuilder xml = new StringBuilder("<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        String[] events = {"s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectTagging:*", "s3:ObjectRestore:*"};
        for (int k = 0; k <= index % 4; k++) {
            String name = "w" + writer + "-p" + index + "-c" + k;
            xml.append("<TopicConfiguration><Id>").append(name).append("</Id><Topic>arn:aws:sns:us-east-1:123456789012:writer-")
                    .append(writer).append("</Topic><Event>").append(events[k]).append("</Event><Filter><S3Key><FilterRule>")
                    .append("<Name>Prefix</Name><Value>").append(name).append("/</Value></FilterRule></S3Key></Filter>")
                    .append("</TopicConfiguration>");
        }
        return xml.append("</NotificationConfiguration>").toString();
    }

    /** What GET answers once {@code document} is stored: S3's normalised form, as the API writes it. */
    static String stored(String document) {
        return NotificationConfigurationXml.write(new NotificationConfigurationValidator()
                .validate(NotificationConfigurationXml.read(document.getBytes(StandardCharsets.UTF_8)), "us-east-1"));
    }

    Result run(int writers, int putsPerWriter, int readers) throws InterruptedException {
        Map<String, String> bodyToDocument = new HashMap<>();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < putsPerWriter; i++) {
                bodyToDocument.put(stored(document(w, i)), "w" + w + "-p" + i);
            }
        }
        String initial = call("GET", "/" + bucket + "?notification", Map.of(), new byte[0]).body();
        bodyToDocument.put(initial, "initial");

        List<Put> puts = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        List<String> unknownGetBodies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger gets = new AtomicInteger();
        AtomicInteger churnOperations = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name("writer-" + w).unstarted(() -> {
                await(start);
                for (int i = 0; i < putsPerWriter; i++) {
                    long sent = System.nanoTime();
                    SignedS3Http.Answer answer = call("PUT", "/" + bucket + "?notification", Map.of(SKIP_VALIDATION, "true"),
                            document(writer, i).getBytes(StandardCharsets.UTF_8));
                    puts.add(new Put(writer, i, sent, System.nanoTime(), answer.status()));
                    statuses.merge("PUT ?notification " + answer.status(), 1, Integer::sum);
                }
            }));
        }
        for (int r = 0; r < readers; r++) {
            threads.add(Thread.ofPlatform().name("reader-" + r).unstarted(() -> {
                await(start);
                while (writing.get()) {
                    SignedS3Http.Answer answer = call("GET", "/" + bucket + "?notification", Map.of(), new byte[0]);
                    gets.incrementAndGet();
                    statuses.merge("GET ?notification " + answer.status(), 1, Integer::sum);
                    if (answer.status() == 200 && !bodyToDocument.containsKey(answer.body())) {
                        unknownGetBodies.add(answer.body());
                    }
                }
            }));
        }
        threads.add(Thread.ofPlatform().name("churner").unstarted(() -> {
            await(start);
            while (writing.get()) {
                statuses.merge("DELETE bucket " + call("DELETE", "/" + churnBucket, Map.of(), new byte[0]).status(), 1, Integer::sum);
                statuses.merge("PUT bucket " + call("PUT", "/" + churnBucket, Map.of(), new byte[0]).status(), 1, Integer::sum);
                churnOperations.addAndGet(2);
            }
        }));
        for (Thread thread : threads) {
            thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            thread.start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (int w = 0; w < writers; w++) {
            threads.get(w).join();
        }
        writing.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - begin;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client thread failed", failures.get(0));
        }
        String finalBody = call("GET", "/" + bucket + "?notification", Map.of(), new byte[0]).body();
        return new Result(List.copyOf(puts), bodyToDocument, new TreeMap<>(statuses), gets.get(), List.copyOf(unknownGetBodies),
                churnOperations.get(), finalBody, elapsed);
    }

    private SignedS3Http.Answer call(String method, String path, Map<String, String> headers, byte[] body) {
        try {
            return http.send(method, path, headers, body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
