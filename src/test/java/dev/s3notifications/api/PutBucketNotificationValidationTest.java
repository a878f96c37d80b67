package dev.s3notifications.api;

import static dev.s3notifications.testing.S3Requests.ACCOUNT;
import static dev.s3notifications.testing.S3Requests.OTHER_ACCOUNT;
import static dev.s3notifications.testing.S3Requests.getNotification;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.testing.GivenCallerAuthenticator;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.testing.S3ErrorDocument;
import dev.s3notifications.testing.S3Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of PUT ?notification (docs/s3-compatibility.md), one row each: the request, and S3's status, code, message and extra
 * elements. Each row also checks that a rejected PUT leaves the stored configuration exactly as it was.
 */
class PutBucketNotificationValidationTest {
    static final String BUCKET = "photos";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:images";
    static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:audit";
    static final String MISSING_TOPIC = "arn:aws:sns:us-east-1:123456789012:missing";
    static final String FORBIDDEN_TOPIC = "arn:aws:sns:us-east-1:123456789012:forbidden";
    static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:logs";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:thumbnails";
    static final String MALFORMED = "The XML you provided was not well-formed or did not validate against our published schema";
    static final String UNABLE = "Unable to validate the following destination configurations";

    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final RecordingDestinationVerifier verifier = new RecordingDestinationVerifier()
            .failing(MISSING_TOPIC, "The destination topic does not exist")
            .failing(FORBIDDEN_TOPIC, "Permissions on the destination topic do not allow S3 to publish notifications from this bucket");
    private S3Api api;
    private String storedBefore;

    @BeforeEach
    void bucketWithAConfiguration() {
        api = new S3Api(new GivenCallerAuthenticator(), store, new NotificationConfigurationValidator(), verifier, "us-east-1",
                256 * 1024, Clock.systemUTC(), NotificationHealth.NONE);
        store.create(new Bucket(BUCKET, ACCOUNT, "us-east-1", Instant.parse("2026-11-01T00:00:00Z")));
        S3Response put = api.handle(putNotification(BUCKET, document(topic("existing", OTHER_TOPIC, "s3:ObjectCreated:*"))).build());
        assertThat(put.status()).isEqualTo(200);
        storedBefore = api.handle(getNotification(BUCKET).build()).body();
        verifier.testMessagesSentTo.clear();
    }

    record Row(String name, S3Requests request, int status, String code, String message, Map<String, String> details) {
        Row withHeader(String header, String value) {
            request.header(header, value);
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rejectsWithS3sErrorAndChangesNothing(Row row) {
        S3Response response = api.handle(row.request().build());

        S3ErrorDocument error = S3ErrorDocument.of(response);
        assertThat(error.status()).isEqualTo(row.status());
        assertThat(error.code()).isEqualTo(row.code());
        assertThat(error.message()).isEqualTo(row.message());
        assertThat(error.details()).containsExactlyEntriesOf(row.details());
        assertThat(error.elements().get("RequestId")).isEqualTo(response.headers().get("x-amz-request-id")).isNotBlank();
        assertThat(error.elements().get("HostId")).isEqualTo(response.headers().get("x-amz-id-2")).isNotBlank();
        assertThat(api.handle(getNotification(BUCKET).build()).body()).isEqualTo(storedBefore);
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String valid = document(topic("a", TOPIC, "s3:ObjectCreated:Put"));

        // 1-3: the bucket and who may act on it come first
        rows.add(row("1 no such bucket", putNotification("no-such-bucket", valid),
                404, "NoSuchBucket", "The specified bucket does not exist", "BucketName", "no-such-bucket"));
        rows.add(row("2 expected bucket owner is another account",
                putNotification(BUCKET, valid).header("x-amz-expected-bucket-owner", OTHER_ACCOUNT),
                403, "AccessDenied", "Access Denied"));
        rows.add(row("2 caller does not own the bucket", putNotification(BUCKET, valid).caller(OTHER_ACCOUNT),
                403, "AccessDenied", "Access Denied"));
        rows.add(row("3 expected bucket owner is not an account id",
                putNotification(BUCKET, valid).header("x-amz-expected-bucket-owner", "abc"),
                400, "InvalidBucketOwnerAWSAccountID",
                "The value of the expected bucket owner parameter must be an AWS Account ID... [abc]"));

        // 4-7, 24: the body must be a NotificationConfiguration of S3's schema
        rows.add(row("4 empty body", putNotification(BUCKET, ""), 400, "MissingRequestBodyError", "Request Body is empty"));
        rows.add(malformed("5 not well-formed", "<NotificationConfiguration><TopicConfiguration>"));
        rows.add(malformed("5 not XML at all", "{\"TopicConfigurations\": []}"));
        rows.add(malformed("5 whitespace only", "   "));
        rows.add(malformed("5 wrong root element", "<Configuration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"));
        rows.add(malformed("5 wrong root namespace", "<NotificationConfiguration xmlns=\"urn:other\"/>"));
        rows.add(malformed("5 unknown element", document("<Bogus/>")));
        rows.add(malformed("5 unknown element in a configuration",
                document("<TopicConfiguration><Topic>" + TOPIC + "</Topic><Event>s3:ObjectCreated:Put</Event><Color>red</Color></TopicConfiguration>")));
        rows.add(malformed("5 Queue element in a TopicConfiguration",
                document("<TopicConfiguration><Queue>" + QUEUE + "</Queue><Event>s3:ObjectCreated:Put</Event></TopicConfiguration>")));
        rows.add(malformed("5 InvocationRole outside a CloudFunctionConfiguration",
                document("<TopicConfiguration><Topic>" + TOPIC + "</Topic><InvocationRole>r</InvocationRole><Event>s3:ObjectCreated:Put</Event></TopicConfiguration>")));
        rows.add(malformed("5 two Topic elements",
                document("<TopicConfiguration><Topic>" + TOPIC + "</Topic><Topic>" + OTHER_TOPIC + "</Topic><Event>s3:ObjectCreated:Put</Event></TopicConfiguration>")));
        rows.add(malformed("5 element where text belongs",
                document("<TopicConfiguration><Topic><Arn>" + TOPIC + "</Arn></Topic><Event>s3:ObjectCreated:Put</Event></TopicConfiguration>")));
        rows.add(malformed("5 text in the root", "<NotificationConfiguration>enable</NotificationConfiguration>"));
        rows.add(malformed("5 content in EventBridgeConfiguration", document("<EventBridgeConfiguration>on</EventBridgeConfiguration>")));
        rows.add(malformed("5 two EventBridgeConfiguration elements", document("<EventBridgeConfiguration/><EventBridgeConfiguration/>")));
        rows.add(malformed("5 DOCTYPE", "<!DOCTYPE NotificationConfiguration><NotificationConfiguration/>"));
        rows.add(malformed("5 external entity (XXE)", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<NotificationConfiguration><TopicConfiguration><Id>&x;</Id><Topic>" + TOPIC
                + "</Topic><Event>s3:ObjectCreated:Put</Event></TopicConfiguration></NotificationConfiguration>"));
        rows.add(malformed("5 billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<NotificationConfiguration>&lol3;</NotificationConfiguration>"));
        rows.add(malformed("5 undeclared entity", document("<TopicConfiguration><Id>&x;</Id><Topic>" + TOPIC
                + "</Topic><Event>s3:ObjectCreated:Put</Event></TopicConfiguration>")));
        rows.add(malformed("5 deeply nested", "<NotificationConfiguration>" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
                + "</NotificationConfiguration>"));
        rows.add(row("5 invalid UTF-8", putNotification(BUCKET, "").body(invalidUtf8()), 400, "MalformedXML", MALFORMED));
        rows.add(malformed("6 FilterRule with Name only", document(topicWithRules(TOPIC, "<FilterRule><Name>prefix</Name></FilterRule>"))));
        rows.add(malformed("6 FilterRule with Value only", document(topicWithRules(TOPIC, "<FilterRule><Value>a/</Value></FilterRule>"))));
        rows.add(malformed("6 FilterRule with neither", document(topicWithRules(TOPIC, "<FilterRule/>"))));
        rows.add(malformed("7 empty Filter", document("<TopicConfiguration><Topic>" + TOPIC
                + "</Topic><Event>s3:ObjectCreated:Put</Event><Filter/></TopicConfiguration>")));
        rows.add(malformed("7 S3Key without rules", document(topicWithRules(TOPIC, ""))));
        rows.add(malformed("24 configuration without Topic",
                document("<TopicConfiguration><Id>a</Id><Event>s3:ObjectCreated:Put</Event></TopicConfiguration>")));
        rows.add(malformed("24 configuration without Event", document("<TopicConfiguration><Topic>" + TOPIC + "</Topic></TopicConfiguration>")));

        // 8-10: filter rules
        rows.add(invalid("8 filter rule name neither prefix nor suffix",
                document(topicWithRules(TOPIC, rule("middle", "x"))),
                "filter rule name must be either prefix or suffix", "FilterRule.Name", "middle"));
        rows.add(invalid("9 two prefix rules (any case)",
                document(topicWithRules(TOPIC, rule("prefix", "a/") + rule("PREFIX", "b/"))),
                "Cannot specify more than one prefix rule in a filter.", "FilterRule.Name", "PREFIX"));
        rows.add(invalid("10 two suffix rules",
                document(topicWithRules(TOPIC, rule("Suffix", ".jpg") + rule("suffix", ".png"))),
                "Cannot specify more than one suffix rule in a filter.", "FilterRule.Name", "suffix"));

        // 11-13: configurations against each other
        rows.add(invalid("11 overlapping prefixes and suffixes for a wildcard and its member",
                document(topicWithRules(TOPIC, rule("prefix", "images/") + rule("suffix", ".jpg"), "s3:ObjectCreated:*")
                        + queueWithRules(QUEUE, rule("prefix", "images/2026/"), "s3:ObjectCreated:Put")),
                "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes"
                        + " are overlapping for the same event type.", "Event", "s3:ObjectCreated:*, s3:ObjectCreated:Put"));
        rows.add(invalid("12 same event type, no filters",
                document(topic("a", TOPIC, "s3:ObjectRemoved:*") + topic("b", OTHER_TOPIC, "s3:ObjectRemoved:*")),
                "Configurations overlap. Configurations on the same bucket cannot share a common event type.",
                "Event", "s3:ObjectRemoved:*, s3:ObjectRemoved:*"));
        rows.add(invalid("13 the same Id twice",
                document(topic("dup", TOPIC, "s3:ObjectCreated:Put") + topic("dup", OTHER_TOPIC, "s3:ObjectRemoved:Delete")),
                "Same ID used for multiple configurations. IDs must be unique.", "Id", "dup"));

        // 14-17, 22: form of each configuration
        rows.add(invalid("14 unknown event", document(topic("a", TOPIC, "s3:ObjectCreated:Kaboom")),
                "The event is not supported for notifications", "Event", "s3:ObjectCreated:Kaboom"));
        rows.add(invalid("14 an event name without s3:", document(topic("a", TOPIC, "ObjectCreated:Put")),
                "The event is not supported for notifications", "Event", "ObjectCreated:Put"));
        rows.add(invalid("14 a wildcard of a family that has none", document(topic("a", TOPIC, "s3:ObjectAcl:*")),
                "The event is not supported for notifications", "Event", "s3:ObjectAcl:*"));
        rows.add(invalid("15 topic ARN not parseable", document(topic("a", "invalid-topic", "s3:ObjectCreated:Put")),
                "The ARN could not be parsed", "Topic", "invalid-topic"));
        rows.add(invalid("15 queue ARN not parseable", document(queue("q", "arn:aws:sqs:us-east-1", "s3:ObjectCreated:Put")),
                "The ARN could not be parsed", "Queue", "arn:aws:sqs:us-east-1"));
        rows.add(invalid("15 function ARN not parseable", document(function("f", "thumbnails", "s3:ObjectCreated:Put")),
                "The ARN could not be parsed", "CloudFunction", "thumbnails"));
        rows.add(invalid("15 topic ARN of another service", document(topic("a", QUEUE, "s3:ObjectCreated:Put")),
                "The ARN could not be parsed", "Topic", QUEUE));
        rows.add(invalid("16 several unparsable ARNs: the first is reported, un-numbered",
                document(queue("q1", "bad-queue-1", "s3:ObjectCreated:Put") + queue("q2", "bad-queue-2", "s3:ObjectRemoved:Delete")),
                "The ARN could not be parsed", "Queue", "bad-queue-1"));
        rows.add(invalid("17 an unparsable ARN wins over a missing destination",
                document(topic("a", MISSING_TOPIC, "s3:ObjectCreated:Put") + topic("b", "bad-topic", "s3:ObjectRemoved:Delete")),
                "The ARN could not be parsed", "Topic", "bad-topic"));
        rows.add(invalid("17 ... even when destination validation is skipped",
                document(topic("b", "bad-topic", "s3:ObjectRemoved:Delete")),
                "The ARN could not be parsed", "Topic", "bad-topic").withHeader("x-amz-skip-destination-validation", "true"));
        rows.add(invalid("22 destination in another region",
                document(topic("a", "arn:aws:sns:eu-west-1:123456789012:images", "s3:ObjectCreated:Put")),
                "The notification destination service region is not valid for the bucket location constraint",
                "Topic", "arn:aws:sns:eu-west-1:123456789012:images"));
        rows.add(invalid("22 destination in another partition",
                document(queue("q", "arn:aws-cn:sqs:us-east-1:123456789012:logs", "s3:ObjectCreated:Put")),
                "The notification destination service region is not valid for the bucket location constraint",
                "Queue", "arn:aws-cn:sqs:us-east-1:123456789012:logs"));

        // 18-21: destinations, all failures numbered
        rows.add(invalidDestinations("21 topic does not exist", document(topic("a", MISSING_TOPIC, "s3:ObjectCreated:Put")),
                MISSING_TOPIC, "The destination topic does not exist"));
        rows.add(invalidDestinations("19 several destinations fail, each reported in order",
                document(topic("a", FORBIDDEN_TOPIC, "s3:ObjectCreated:Put") + topic("b", TOPIC, "s3:ObjectRemoved:*")
                        + topic("c", MISSING_TOPIC, "s3:ObjectTagging:*")),
                FORBIDDEN_TOPIC, "Permissions on the destination topic do not allow S3 to publish notifications from this bucket",
                MISSING_TOPIC, "The destination topic does not exist"));

        // 26: limits
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(topicWithRules(TOPIC, rule("prefix", "p" + i + "/")));
        }
        rows.add(invalid("26 more than 100 configurations", document(many.toString()),
                "The number of notification configurations cannot exceed 100.", "NotificationConfiguration", "101"));
        String longValue = "k".repeat(1025);
        rows.add(invalid("26 filter value longer than 1024 characters", document(topicWithRules(TOPIC, rule("prefix", longValue))),
                "The filter rule value cannot be longer than 1024 characters.", "FilterRule.Value", longValue));
        String longId = "i".repeat(256);
        rows.add(invalid("26 Id longer than 255 characters", document(topic(longId, TOPIC, "s3:ObjectCreated:Put")),
                "ID length should not exceed allowed limit of 255", "Id", longId));
        rows.add(row("26 body larger than the limit",
                putNotification(BUCKET, document("<!--" + "x".repeat(256 * 1024) + "-->")),
                400, "MaxMessageLengthExceeded", "Your request was too big."));
        rows.add(row("26 ten megabytes", putNotification(BUCKET, "<" + "x".repeat(10 * 1024 * 1024)),
                400, "MaxMessageLengthExceeded", "Your request was too big."));
        return rows.stream();
    }

    // --- rows

    private static Row row(String name, S3Requests request, int status, String code, String message, String... details) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            map.put(details[i], details[i + 1]);
        }
        return new Row(name, request, status, code, message, map);
    }

    private static Row malformed(String name, String body) {
        return row(name, putNotification(BUCKET, body), 400, "MalformedXML", MALFORMED);
    }

    private static Row invalid(String name, String body, String message, String argumentName, String argumentValue) {
        return row(name, putNotification(BUCKET, body), 400, "InvalidArgument", message,
                "ArgumentName", argumentName, "ArgumentValue", argumentValue);
    }

    private static Row invalidDestinations(String name, String body, String... failures) {
        List<String> details = new ArrayList<>();
        for (int i = 0; i < failures.length; i += 2) {
            int n = i / 2 + 1;
            details.addAll(List.of("ArgumentName" + n, failures[i], "ArgumentValue" + n, failures[i + 1]));
        }
        return row(name, putNotification(BUCKET, body), 400, "InvalidArgument", UNABLE, details.toArray(String[]::new));
    }

    // --- documents

    static String document(String configurations) {
        return "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + configurations
                + "</NotificationConfiguration>";
    }

    static String topic(String id, String arn, String... events) {
        return destination("TopicConfiguration", "Topic", id, arn, "", events);
    }

    static String queue(String id, String arn, String... events) {
        return destination("QueueConfiguration", "Queue", id, arn, "", events);
    }

    static String function(String id, String arn, String... events) {
        return destination("CloudFunctionConfiguration", "CloudFunction", id, arn, "", events);
    }

    static String topicWithRules(String arn, String rules, String... events) {
        return destination("TopicConfiguration", "Topic", null, arn, "<Filter><S3Key>" + rules + "</S3Key></Filter>",
                events.length == 0 ? new String[] {"s3:ObjectCreated:*"} : events);
    }

    static String queueWithRules(String arn, String rules, String... events) {
        return destination("QueueConfiguration", "Queue", null, arn, "<Filter><S3Key>" + rules + "</S3Key></Filter>", events);
    }

    static String rule(String name, String value) {
        return "<FilterRule><Name>" + name + "</Name><Value>" + value + "</Value></FilterRule>";
    }

    private static String destination(String element, String arnElement, String id, String arn, String filter, String... events) {
        StringBuilder xml = new StringBuilder("<").append(element).append('>');
        if (id != null) {
            xml.append("<Id>").append(id).append("</Id>");
        }
        xml.append('<').append(arnElement).append('>').append(arn).append("</").append(arnElement).append('>');
        for (String event : events) {
            xml.append("<Event>").append(event).append("</Event>");
        }
        return xml.append(filter).append("</").append(element).append('>').toString();
    }

    private static byte[] invalidUtf8() {
        byte[] prefix = document("<TopicConfiguration><Id>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(prefix, prefix.length + 2);
        bytes[prefix.length] = (byte) 0xC3; // a two-byte sequence cut short by '('
        bytes[prefix.length + 1] = (byte) 0x28;
        return bytes;
    }
}
