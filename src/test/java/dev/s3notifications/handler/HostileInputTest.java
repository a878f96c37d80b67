package dev.s3notifications.handler;

import static dev.s3notifications.handler.PutNotificationFuzzing.BINARY;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic attacks on an XML or JSON endpoint, each sent through the functions as Lambda invokes them (a signed
 * API Gateway event to the API function, an SQS batch to the fan-out) with every fuzz invariant checked: answered
 * with S3's 400 (never a 5xx, never an error logged, stored state untouched), or failed as one message without
 * harming its neighbours. {@code PutBucketNotificationValidationTest} checks the same attacks' exact error
 * documents one level down, at the S3 API.
 */
class HostileInputTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static PutNotificationFuzzing api;
    private static PutNotificationFuzzing apiWithLargeBodies;
    private static ObjectEventFuzzing fanOut;

    @BeforeAll
    static void functions() {
        api = new PutNotificationFuzzing("hostile-input");
        // With a body limit far above S3's, the parser's own limits (depth, element count, text size) are what stops a document.
        apiWithLargeBodies = new PutNotificationFuzzing("hostile-input-large", Map.of("MAX_REQUEST_BODY_BYTES",
                Integer.toString(16 << 20)));
        fanOut = new ObjectEventFuzzing("hostile-events");
    }

    @AfterAll
    static void close() {
        api.close();
        apiWithLargeBodies.close();
        fanOut.close();
    }

    private static void rejected(PutNotificationFuzzing target, byte[] body, int flags, String code) {
        APIGatewayProxyResponseEvent response = target.check(body, flags);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getBody()).contains("<Code>" + code + "</Code>");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void externalEntity() {
        rejected(api, utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<NotificationConfiguration xmlns=\"" + NS + "\"><TopicConfiguration><Id>&x;</Id><Topic>"
                + PutNotificationFuzzing.TOPIC + "</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>"
                + "</NotificationConfiguration>"), 0, "MalformedXML");
    }

    @Test
    void billionLaughs() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        rejected(api, utf8("<?xml version=\"1.0\"?><!DOCTYPE lolz [" + entities + "]><NotificationConfiguration><TopicConfiguration>"
                + "<Id>&lol9;</Id></TopicConfiguration></NotificationConfiguration>"), 0, "MalformedXML");
    }

    @Test
    void aDoctypeAlone() {
        rejected(api, utf8("<!DOCTYPE NotificationConfiguration><NotificationConfiguration xmlns=\"" + NS + "\"/>"), 0, "MalformedXML");
    }

    @ParameterizedTest(name = "{0} levels")
    @ValueSource(ints = {17, 1_000, 100_000})
    void deepNesting(int depth) {
        rejected(apiWithLargeBodies, utf8("<NotificationConfiguration>" + "<a>".repeat(depth) + "</a>".repeat(depth)
                + "</NotificationConfiguration>"), 0, "MalformedXML");
    }

    @Test
    void tenMegabytesAtS3sLimit() {
        rejected(api, utf8("<NotificationConfiguration>" + "x".repeat(10 << 20) + "</NotificationConfiguration>"), 0,
                "MaxMessageLengthExceeded");
    }

    @Test
    void tenMegabytesOfOneTextNodeBeyondTheParsersTextLimit() {
        rejected(apiWithLargeBodies, utf8("<NotificationConfiguration xmlns=\"" + NS + "\"><TopicConfiguration><Id>"
                + "i".repeat(10 << 20) + "</Id></TopicConfiguration></NotificationConfiguration>"), 0, "MalformedXML");
    }

    @Test
    void tenMegabytesOfBinaryBase64Encoded() {
        byte[] body = new byte[10 << 20];
        new java.util.Random(1).nextBytes(body);
        rejected(apiWithLargeBodies, body, BINARY, "MalformedXML");
    }

    @Test
    void aMillionElementsAtS3sLimit() {
        rejected(api, utf8("<NotificationConfiguration>" + "<a/>".repeat(1_000_000) + "</NotificationConfiguration>"), 0,
                "MaxMessageLengthExceeded");
    }

    @Test
    void aMillionElementsBeyondTheParsersElementLimit() {
        rejected(apiWithLargeBodies, utf8("<NotificationConfiguration>" + "<a/>".repeat(1_000_000) + "</NotificationConfiguration>"),
                0, "MalformedXML");
    }

    @Test
    void thousandsOfValidLookingConfigurations() {
        String configuration = "<TopicConfiguration><Topic>" + PutNotificationFuzzing.TOPIC
                + "</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>";
        APIGatewayProxyResponseEvent response = apiWithLargeBodies.check(utf8("<NotificationConfiguration xmlns=\"" + NS + "\">"
                + configuration.repeat(20_000) + "</NotificationConfiguration>"), 0);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<Code>InvalidArgument</Code>", "cannot exceed 100");
    }

    @Test
    void invalidUtf8SentBase64Encoded() {
        byte[] prefix = utf8("<NotificationConfiguration xmlns=\"" + NS + "\"><TopicConfiguration><Id>");
        byte[] body = Arrays.copyOf(prefix, prefix.length + 3);
        body[prefix.length] = (byte) 0xC3; // a two-byte sequence cut short
        body[prefix.length + 1] = 0x28;
        body[prefix.length + 2] = (byte) 0xFF; // never valid in UTF-8
        rejected(api, body, BINARY, "MalformedXML");
    }

    @Test
    void otherEncodingsAndStrayCharacters() {
        // Well-formed XML in UTF-16 (with its byte order mark) is XML; whatever the answer, the invariants hold.
        assertThat(api.check("<?xml version=\"1.0\" encoding=\"UTF-16\"?><NotificationConfiguration/>"
                .getBytes(StandardCharsets.UTF_16), BINARY).getStatusCode()).isLessThan(500);
        rejected(api, utf8("<?xml version=\"1.0\" encoding=\"UTF-16\"?><NotificationConfiguration/>"), 0, "MalformedXML");
        rejected(api, utf8("<NotificationConfiguration>\u0000</NotificationConfiguration>"), 0, "MalformedXML");
        APIGatewayProxyResponseEvent bom = api.check(utf8("\uFEFF<NotificationConfiguration xmlns=\"" + NS + "\"/>"), 0);
        assertThat(bom.getStatusCode()).as("a UTF-8 byte order mark is allowed by XML").isEqualTo(200);
    }

    @Test
    void hostileObjectEventMessagesFailAloneAndNeverTakeTheirNeighboursDown() {
        String valid = ObjectEventFuzzing.CONTROL.replace("control cat", "neighbour");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String manyEvents = "{\"events\":[" + String.join(",", java.util.Collections.nCopies(1001, valid)) + "]}";
        String hugeKey = valid.replace("images/neighbour.jpg", "images/" + "k".repeat(2000) + ".jpg");
        fanOut.check(List.of(deep, manyEvents, hugeKey, valid,
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"photos\"},\"object\":{\"key\":\"images/%C3.jpg\"}}}]}",
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"photos\"},\"object\":{\"key\":\"images/%zz\"}}}]}",
                valid.replace("2048", "1e400"), valid.replace("\"size\":2048", "\"size\":2048,\"size\":1"),
                valid.replace("neighbour", "\\ud800"), "\u0000", ""));
    }
}
