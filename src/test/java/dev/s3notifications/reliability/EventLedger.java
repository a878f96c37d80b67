package dev.s3notifications.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3notifications.message.ObjectKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The exact accounting of an at-least-once run: which object events were sent (each with a unique bucket + key +
 * sequencer, S3's deduplication key), in which queue messages, and which destinations each must reach; then what
 * reached each destination and what sits in the dead-letter queue. Lost means a delivery an event was due that
 * neither happened nor has its event in the dead-letter queue; it must be 0.
 */
final class EventLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One queue message as sent: its body and the ids of the events it carries (none for a poisoned message). */
    record SentMessage(String body, List<String> eventIds) {
    }

    /**
     * Where the buckets send events: creations to {@code created}, deletions (every {@code removedEvery}-th event) to
     * {@code removed}, and every event to {@code bus} too unless it is null. Destinations are named as
     * {@link #delivered} is told them.
     */
    record Routes(String created, String removed, String bus, int removedEvery) {
    }

    /**
     * The totals of a run. Deliveries are (event, destination) pairs: {@code expected} of them were due,
     * {@code deliveredUnique} happened, {@code deadLetteredUndelivered} did not but have their event in the
     * dead-letter queue (so with nothing lost, the two add up to {@code expected}).
     */
    record Totals(int events, int expected, int messages, int poisoned, int deliveredUnique, int deliveredTotal,
            int duplicates, int deadLettered, int deadLetteredUndelivered, int deadLetteredAndDelivered,
            int poisonDeadLettered, int lost, int unexpected, int corrupted, int misrouted) {
    }

    private final Map<String, SentMessage> sentByBody = new LinkedHashMap<>();
    private final Map<String, Set<String>> destinationsOfEvent = new HashMap<>();
    private final Set<String> sentEvents = new HashSet<>();
    private final Map<String, String> firstDelivery = new HashMap<>();
    private final Map<String, Integer> deliveries = new HashMap<>();
    private final Map<String, Set<String>> deliveredTo = new HashMap<>();
    private final Set<String> deadLettered = new HashSet<>();
    private int poisoned;
    private int poisonDeadLettered;
    private int unexpected;
    private int corrupted;
    private int misrouted;

    /** The key S3 tells consumers to deduplicate on; the key as the record carries it (URL-encoded). */
    static String eventId(String bucket, String encodedKey, String sequencer) {
        return bucket + "/" + encodedKey + "#" + sequencer;
    }

    /**
     * Builds {@code count} events over {@code buckets} (a third of them deletions, the rest creations; keys with
     * spaces and non-ASCII letters, so encoding is exercised), packed into messages of the three forms the fan-out
     * reads (one event, a batch, S3's own records), plus {@code poisoned} messages no reader accepts.
     *
     * @param routes where each event must go
     */
    static EventLedger generate(int count, List<String> buckets, Routes routes, int poisoned, long seed) {
        EventLedger ledger = new EventLedger();
        Random random = new Random(seed);
        // form 0: one event per message (7 in 10); 1: a batch of 1-3 events (2 in 10); 2: S3's own records (1 in 10)
        int form = nextForm(random);
        int size = form == 1 ? 1 + random.nextInt(3) : 1;
        List<String> pending = new ArrayList<>();
        List<String> pendingIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String bucket = buckets.get(i % buckets.size());
            boolean removed = i % routes.removedEvery() == 0;
            String key = "in/object " + i + (i % 5 == 0 ? " café" : "") + ".bin";
            String sequencer = String.format("%018X", 0x10000L + i);
            String id = eventId(bucket, ObjectKeys.encode(key), sequencer);
            ledger.sentEvents.add(id);
            Set<String> destinations = new HashSet<>(List.of(removed ? routes.removed() : routes.created()));
            if (routes.bus() != null) {
                destinations.add(routes.bus());
            }
            ledger.destinationsOfEvent.put(id, destinations);
            pending.add(switch (form) {
                case 2 -> s3Record(bucket, key, sequencer, removed);
                default -> removed ? ownDeleteEvent(bucket, key, sequencer) : ownPutEvent(bucket, key, sequencer);
            });
            pendingIds.add(id);
            if (pending.size() == size || i == count - 1) {
                ledger.add(switch (form) {
                    case 0 -> pending.get(0);
                    case 1 -> "{\"events\":[" + String.join(",", pending) + "]}";
                    default -> "{\"Records\":[" + String.join(",", pending) + "]}";
                }, pendingIds);
                pending = new ArrayList<>();
                pendingIds = new ArrayList<>();
                form = nextForm(random);
                size = form == 1 ? 1 + random.nextInt(3) : 1;
            }
        }
        for (int i = 0; i < poisoned; i++) {
            ledger.add("{\"poisoned\":" + i + ",\"why\":\"not an object event: it must end in the dead-letter queue\"}", List.of());
            ledger.poisoned++;
        }
        return ledger;
    }

    private static int nextForm(Random random) {
        int roll = random.nextInt(10);
        return roll < 7 ? 0 : roll < 9 ? 1 : 2;
    }

    private void add(String body, List<String> ids) {
        if (sentByBody.put(body, new SentMessage(body, List.copyOf(ids))) != null) {
            throw new IllegalStateException("two messages with the same body: " + body);
        }
    }

    List<SentMessage> messages() {
        return List.copyOf(sentByBody.values());
    }

    int events() {
        return sentEvents.size();
    }

    /**
     * Records one delivery {@code destination} received: S3's event message (what a topic's raw subscriber, a queue or
     * a function gets), or an EventBridge event as a rule's target queue gets it.
     */
    void delivered(String destination, String body) {
        String id;
        String content;
        try {
            JsonNode root = JSON.readTree(body);
            if (root.has("detail-type")) { // EventBridge: its id and time are the bus's, the rest is ours
                JsonNode object = root.path("detail").path("object");
                id = eventId(root.path("detail").path("bucket").path("name").asText(),
                        ObjectKeys.encode(object.path("key").asText()), object.path("sequencer").asText());
                content = root.path("detail-type").asText() + " " + root.path("detail");
            } else {
                if (root.path("Records").size() != 1) {
                    corrupted++;
                    return;
                }
                JsonNode record = root.path("Records").get(0);
                id = eventId(record.path("s3").path("bucket").path("name").asText(),
                        record.path("s3").path("object").path("key").asText(),
                        record.path("s3").path("object").path("sequencer").asText());
                content = body;
            }
        } catch (IOException e) {
            corrupted++;
            return;
        }
        if (!sentEvents.contains(id)) {
            unexpected++;
            return;
        }
        if (!destinationsOfEvent.get(id).contains(destination)) {
            misrouted++;
            return;
        }
        String pair = id + " -> " + destination;
        String first = firstDelivery.putIfAbsent(pair, content);
        if (first != null && !first.equals(content)) {
            corrupted++; // a redelivery must be the same message, byte for byte
        }
        deliveries.merge(pair, 1, Integer::sum);
        deliveredTo.computeIfAbsent(id, any -> new HashSet<>()).add(destination);
    }

    /** Records one message found in the dead-letter queue. */
    void deadLettered(String body) {
        SentMessage sent = sentByBody.get(body);
        if (sent == null) {
            unexpected++;
            return;
        }
        if (sent.eventIds().isEmpty()) {
            poisonDeadLettered++;
        }
        deadLettered.addAll(sent.eventIds());
    }

    /** The deliveries ({@code event -> destination}) that were due and neither happened nor are dead-lettered. */
    Set<String> lost() {
        Set<String> lost = new HashSet<>();
        for (String id : sentEvents) {
            if (deadLettered.contains(id)) {
                continue;
            }
            for (String destination : destinationsOfEvent.get(id)) {
                if (!deliveredTo.getOrDefault(id, Set.of()).contains(destination)) {
                    lost.add(id + " -> " + destination);
                }
            }
        }
        return lost;
    }

    Totals totals() {
        int total = deliveries.values().stream().mapToInt(Integer::intValue).sum();
        int expected = 0;
        int deadLetteredUndelivered = 0;
        int deadLetteredAndDelivered = 0;
        for (String id : sentEvents) {
            for (String destination : destinationsOfEvent.get(id)) {
                expected++;
                boolean delivered = deliveredTo.getOrDefault(id, Set.of()).contains(destination);
                if (deadLettered.contains(id)) {
                    if (delivered) {
                        deadLetteredAndDelivered++;
                    } else {
                        deadLetteredUndelivered++;
                    }
                }
            }
        }
        return new Totals(sentEvents.size(), expected, sentByBody.size(), poisoned, deliveries.size(), total,
                total - deliveries.size(), deadLettered.size(), deadLetteredUndelivered, deadLetteredAndDelivered,
                poisonDeadLettered, lost().size(), unexpected, corrupted, misrouted);
    }

    private static final String COMMON = "\"eventTime\":\"2026-11-22T10:15:30.123Z\",\"requesterPrincipalId\":\"AWS:AIDAJDPLRKLG7UEXAMPLE\","
            + "\"sourceIpAddress\":\"203.0.113.7\",\"requestId\":\"C3D13FE58DE4C810\",\"hostId\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S\"";

    private static String ownPutEvent(String bucket, String key, String sequencer) {
        return "{\"eventName\":\"s3:ObjectCreated:Put\",\"bucket\":" + quote(bucket) + ",\"key\":" + quote(key)
                + ",\"size\":1024,\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\",\"sequencer\":\"" + sequencer + "\"," + COMMON + "}";
    }

    private static String ownDeleteEvent(String bucket, String key, String sequencer) {
        return "{\"eventName\":\"s3:ObjectRemoved:Delete\",\"bucket\":" + quote(bucket) + ",\"key\":" + quote(key)
                + ",\"sequencer\":\"" + sequencer + "\"," + COMMON + "}";
    }

    /** A record as S3 itself sends it: event name without s3:, the key URL-encoded. */
    private static String s3Record(String bucket, String key, String sequencer, boolean removed) {
        String object = "{\"key\":" + quote(ObjectKeys.encode(key)) + (removed ? "" : ",\"size\":1024,\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\"")
                + ",\"sequencer\":\"" + sequencer + "\"}";
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventTime\":\"2026-11-22T10:15:30.123Z\","
                + "\"eventName\":\"" + (removed ? "ObjectRemoved:Delete" : "ObjectCreated:Put") + "\","
                + "\"userIdentity\":{\"principalId\":\"AWS:AIDAJDPLRKLG7UEXAMPLE\"},\"requestParameters\":{\"sourceIPAddress\":\"203.0.113.7\"},"
                + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\",\"x-amz-id-2\":\"FMyUVURIY8\"},"
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"rerouted\",\"bucket\":{\"name\":" + quote(bucket)
                + ",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},\"arn\":\"arn:aws:s3:::" + bucket + "\"},\"object\":" + object + "}}";
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
