package dev.s3notifications.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3notifications.fanout.MatchExplanation.Explanation;
import dev.s3notifications.fanout.MatchExplanation.Verdict;
import dev.s3notifications.fanout.MatchExplanation;
import dev.s3notifications.message.BucketIdentity;
import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.message.S3EventBridgeEvent;
import dev.s3notifications.message.S3EventMessage;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.EventType;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.xml.NotificationConfigurationXml;
import dev.s3notifications.xml.S3Xml;
import dev.s3notifications.xml.XmlElement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/notifications}: answers "why did my notification (not) arrive?". {@code explain} reads a bucket's
 * configuration through the S3 API ({@code GET ?notification}, signed like any S3 client, so it works against the
 * local stack, a deployment and Amazon S3 alike), runs the fan-out's own matching on it for one key and event, and
 * says for each configuration whether it matches, and if not the first reason, and what would be delivered.
 * {@code health} reads {@code GET ?notification-health} (deployments and the local stack only: S3 keeps no such
 * record) and flags the destinations that have only failed for longer than a threshold.
 */
public final class NotificationsCommand {
    static final String USAGE = """
            usage: scripts/notifications COMMAND [OPTIONS]
              explain --bucket BUCKET --key KEY --event EVENT [--json]
                  Reads the bucket's notification configuration (GET ?notification) and, for an event EVENT (e.g.
                  s3:ObjectCreated:Put) on the object KEY (as written, not URL-encoded), says for every configuration
                  whether it matches and, if not, the first reason; then what would be delivered: the destination,
                  the exact event message (with example values for what a command cannot know: size, ETag,
                  sequencer, requester, request ids, owner), and for EventBridge the detail-type and detail.
                  Exit status: 0 something gets the event, 1 nothing does, 2 error.
              health --bucket BUCKET [--failing-for DURATION] [--json]
                  How deliveries to each destination of the bucket have gone (GET ?notification-health, which the
                  fan-out of this project records; Amazon S3 has none): deliveries and failures, the last success,
                  the last failure with its error code and message. A destination that has only failed for at least
                  DURATION (default 15m; e.g. 90s, 10m, 2h) is flagged FAILING.
                  Exit status: 0 none flagged, 1 some flagged, 2 error.
            options:
              --endpoint-url URL   the S3 endpoint (default: AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then
                                   https://s3.REGION.amazonaws.com); requests are path-style
              --region REGION      the region to sign for (default: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1)
              --json               one JSON document on standard output, for scripts
            credentials: the AWS SDK's default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
              AWS_PROFILE and ~/.aws, ...), as the AWS CLI reads them
            """;
    /** Each command's options that take a value ({@code --json} takes none); any other is refused, not ignored. */
    static final Map<String, Set<String>> OPTIONS = Map.of(
            "explain", Set.of("bucket", "key", "event", "endpoint-url", "region"),
            "health", Set.of("bucket", "failing-for", "endpoint-url", "region"));
    static final Duration DEFAULT_FAILING_FOR = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Endpoint s3;
    private final PrintStream out;
    private final PrintStream err;

    NotificationsCommand(S3Endpoint s3, PrintStream out, PrintStream err) {
        this.s3 = s3;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("notifications: " + e.getMessage());
            err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.print(USAGE);
            System.exit(0);
        }
        S3Endpoint s3 = S3Endpoint.fromEnvironment(options.get("endpoint-url"), options.get("region"), System.getenv());
        System.exit(new NotificationsCommand(s3, out, err).run(options));
    }

    /** The command line: a command and its {@code --name value} options. */
    record Options(String command, Map<String, String> values, boolean json, boolean help) {
        static Options parse(List<String> args) {
            if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
                return new Options(null, Map.of(), false, true);
            }
            String command = args.get(0);
            Set<String> known = OPTIONS.get(command);
            if (known == null) {
                throw new IllegalArgumentException("unknown command " + command);
            }
            Map<String, String> values = new HashMap<>();
            boolean json = false;
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--json")) {
                    json = true;
                } else if (arg.startsWith("--") && known.contains(arg.substring(2)) && i + 1 < args.size()) {
                    values.put(arg.substring(2), args.get(++i));
                } else if (arg.startsWith("--") && !known.contains(arg.substring(2))) {
                    throw new IllegalArgumentException("unknown option " + arg + " for " + command);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
            }
            return new Options(command, values, json, false);
        }

        String get(String name) {
            return values.get(name);
        }

        String require(String name) {
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }
    }

    /** Runs one command; returns the exit status. */
    int run(Options options) {
        try {
            return options.command().equals("explain") ? explain(options) : health(options);
        } catch (IllegalArgumentException e) {
            err.println("notifications: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (S3Endpoint.S3Error e) {
            err.println("notifications: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("notifications: cannot reach " + s3.endpoint() + ": " + e.getMessage());
            return 2;
        }
    }

    private int explain(Options options) throws IOException {
        String bucketName = options.require("bucket");
        String key = options.require("key");
        String eventName = options.require("event");
        EventType type = EventType.fromS3Name(eventName);
        if (type == null) {
            throw new IllegalArgumentException("unknown event " + eventName + " (an event such as s3:ObjectCreated:Put,"
                    + " not a wildcard)");
        }
        NotificationConfiguration configuration =
                NotificationConfigurationXml.read(s3.get(bucketName, "notification").getBytes(StandardCharsets.UTF_8));
        String region = region(S3Xml.parse(s3.get(bucketName, "location").getBytes(StandardCharsets.UTF_8)));
        Explanation explanation = MatchExplanation.explain(configuration, type, key);
        Bucket bucket = new Bucket(bucketName, EXAMPLE_ACCOUNT, region, Instant.EPOCH);
        ObjectEvent event = exampleEvent(type, bucketName, key);
        if (options.json()) {
            out.println(explanationJson(bucket, explanation, event));
        } else {
            printExplanation(bucket, explanation, event);
        }
        return explanation.delivered() ? 0 : 1;
    }

    /** {@code GET ?location}'s answer: an empty constraint is us-east-1, {@code EU} the old name of eu-west-1. */
    private static String region(XmlElement location) {
        String constraint = location.text() == null ? "" : location.text().trim();
        return constraint.isEmpty() ? "us-east-1" : constraint.equals("EU") ? "eu-west-1" : constraint;
    }

    /** The account, principal ids and request ids of the example event: S3's documentation's examples. */
    static final String EXAMPLE_ACCOUNT = "123456789012";

    private static ObjectEvent exampleEvent(EventType type, String bucket, String key) {
        Instant now = Instant.now();
        return new ObjectEvent(type, bucket, key, 1024L, "d41d8cd98f00b204e9800998ecf8427e", null, "0055AED6DCD90281E5",
                now, "AWS:AIDAJDPLRKLG7UEXAMPLE", "192.0.2.3", "C3D13FE58DE4C810",
                "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD",
                new ObjectEvent.Restore(now.plus(Duration.ofDays(1)), "GLACIER"),
                new ObjectEvent.Context(EXAMPLE_ACCOUNT, null, "GLACIER", "ARCHIVE_ACCESS"));
    }

    private static BucketIdentity identity(Bucket bucket) {
        return new BucketIdentity(bucket.name(), bucket.region(), bucket.arn(), "A3NL1KOZZKExample");
    }

    private void printExplanation(Bucket bucket, Explanation explanation, ObjectEvent event) {
        out.printf("bucket %s (%s), key \"%s\", event %s%n", bucket.name(), bucket.region(), explanation.key(),
                explanation.type().s3Name());
        out.printf("filters see the key as: %s%n", explanation.encodedKey());
        if (explanation.verdicts().isEmpty() && !explanation.eventBridge()) {
            out.println("\nthe bucket has no notification configuration: nothing is sent");
        }
        for (Verdict verdict : explanation.verdicts()) {
            DestinationConfiguration configuration = verdict.configuration();
            out.printf("%n%s %s %s %s%n", verdict.matches() ? "MATCH   " : "NO MATCH", configuration.id(),
                    configuration.type().arnElementName(), configuration.arn());
            out.printf("  events %s, filter %s%n", String.join(" ", configuration.events()), filter(configuration));
            if (verdict.matches()) {
                out.printf("  delivers: %s%n", S3EventMessage.render(event, explanation.encodedKey(), identity(bucket),
                        configuration.id()));
            } else {
                out.printf("  because %s%n", verdict.reason());
                verdict.hints().forEach(hint -> out.printf("  hint: %s%n", hint));
            }
        }
        if (explanation.eventBridge()) {
            out.println();
            if (explanation.eventBridgeDetailType() != null) {
                out.printf("MATCH    EventBridge: every event goes to the bus, as detail-type \"%s\"%n",
                        explanation.eventBridgeDetailType());
                out.printf("  detail: %s%n", S3EventBridgeEvent.detail(event, bucket));
            } else {
                out.printf("NO MATCH EventBridge: S3 sends no %s events to EventBridge%n", explanation.type().s3Name());
            }
        }
        out.printf("%n%s%n", explanation.delivered() ? "the event is delivered (values the command cannot know are examples)"
                : "nothing gets this event");
    }

    private static String filter(DestinationConfiguration configuration) {
        if (!configuration.hasFilter()) {
            return "none";
        }
        List<String> rules = new ArrayList<>();
        configuration.filterRules().forEach(rule -> rules.add(rule.name().toLowerCase(Locale.ROOT) + " \"" + rule.value() + "\""));
        return String.join(", ", rules);
    }

    private String explanationJson(Bucket bucket, Explanation explanation, ObjectEvent event) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("bucket", bucket.name()).put("region", bucket.region())
                .put("key", explanation.key()).put("encodedKey", explanation.encodedKey())
                .put("event", explanation.type().s3Name()).put("delivered", explanation.delivered());
        ArrayNode configurations = root.putArray("configurations");
        for (Verdict verdict : explanation.verdicts()) {
            DestinationConfiguration configuration = verdict.configuration();
            ObjectNode node = configurations.addObject().put("id", configuration.id())
                    .put("type", configuration.type().arnElementName()).put("arn", configuration.arn())
                    .put("matches", verdict.matches());
            if (verdict.matches()) {
                node.set("message", JSON.readTree(S3EventMessage.render(event, explanation.encodedKey(), identity(bucket),
                        configuration.id())));
            } else {
                node.put("reason", verdict.reason());
                verdict.hints().forEach(node.withArray("hints")::add);
            }
        }
        ObjectNode eventBridge = root.putObject("eventBridge").put("enabled", explanation.eventBridge());
        if (explanation.eventBridgeDetailType() != null) {
            eventBridge.put("detailType", explanation.eventBridgeDetailType());
            eventBridge.set("detail", JSON.readTree(S3EventBridgeEvent.detail(event, bucket)));
        }
        return JSON.writeValueAsString(root);
    }

    private int health(Options options) throws IOException {
        String bucketName = options.require("bucket");
        Duration failingFor = options.get("failing-for") == null ? DEFAULT_FAILING_FOR : duration(options.get("failing-for"));
        XmlElement document = S3Xml.parse(s3.get(bucketName, "notification-health").getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        ArrayNode destinations = JSON.createArrayNode();
        int flagged = 0;
        for (XmlElement destination : document.children()) {
            ObjectNode node = destinations.addObject();
            List<String> ids = new ArrayList<>();
            for (XmlElement field : destination.children()) {
                String name = field.name();
                if (name.equals("ConfigurationId")) {
                    ids.add(field.text());
                } else if (name.equals("Delivered") || name.equals("Failed")) {
                    node.put(lowerFirst(name), Long.parseLong(field.text()));
                } else {
                    node.put(lowerFirst(name), field.text());
                }
            }
            if (!ids.isEmpty()) { // EventBridge has no configuration, so no Id
                ids.forEach(node.withArray("configurationIds")::add);
            }
            String since = node.path("failingSince").asText(null);
            boolean failing = since != null && !Instant.parse(since).plus(failingFor).isAfter(now);
            node.put("flagged", failing);
            flagged += failing ? 1 : 0;
        }
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode().put("bucket", bucketName).put("failingFor", failingFor.toString());
            root.set("destinations", destinations);
            out.println(JSON.writeValueAsString(root));
        } else {
            printHealth(bucketName, destinations, failingFor, now);
        }
        return flagged == 0 ? 0 : 1;
    }

    private void printHealth(String bucket, ArrayNode destinations, Duration failingFor, Instant now) {
        out.printf("bucket %s: %d destination%s%n", bucket, destinations.size(), destinations.size() == 1 ? "" : "s");
        for (var node : destinations) {
            out.printf("%n%s %s %s%s%n", node.path("flagged").asBoolean() ? "FAILING" : node.has("failingSince") ? "failing"
                    : "ok     ", node.path("type").asText(), node.path("arn").asText(),
                    node.has("configurationIds") ? " (" + String.join(", ", strings(node.get("configurationIds"))) + ")" : "");
            if (!node.has("delivered")) {
                out.println("  nothing recorded yet");
                continue;
            }
            out.printf("  delivered %d, failed %d%n", node.path("delivered").asLong(), node.path("failed").asLong());
            if (node.has("lastSuccess")) {
                out.printf("  last success %s%n", node.path("lastSuccess").asText());
            }
            if (node.has("lastFailure")) {
                out.printf("  last failure %s: %s: %s%n", node.path("lastFailure").asText(),
                        node.path("lastFailureCode").asText(), node.path("lastFailureMessage").asText());
            }
            if (node.has("failingSince")) {
                Duration failing = Duration.between(Instant.parse(node.path("failingSince").asText()), now);
                out.printf("  only failing since %s (%s)%s%n", node.path("failingSince").asText(), human(failing),
                        node.path("flagged").asBoolean() ? ", longer than " + human(failingFor) : "");
            }
        }
    }

    private static List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** {@code 90s}, {@code 15m}, {@code 2h}, or an ISO-8601 duration ({@code PT15M}). */
    static Duration duration(String text) {
        try {
            if (text.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--failing-for takes a duration such as 90s, 15m or 2h, not " + text);
        }
    }

    private static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
