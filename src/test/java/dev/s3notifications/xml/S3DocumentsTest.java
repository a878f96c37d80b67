package dev.s3notifications.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The StAX writer ({@link S3Documents}) writes every document byte for byte as Jackson's
 * {@code XmlMapper} wrote it from the wire records ({@link JacksonS3Documents}): on the cases S3 clients depend on,
 * and on random documents whose texts need escaping.
 */
class S3DocumentsTest {
    private static final JacksonS3Documents JACKSON = new JacksonS3Documents();
    private static final String NS = S3Xml.NAMESPACE;

    @Test
    void anEmptyConfigurationIsAnEmptyRootInS3sNamespace() {
        NotificationConfiguration empty = new NotificationConfiguration(List.of(), false);
        assertThat(S3Documents.notificationConfiguration(empty))
                .isEqualTo(S3Xml.DECLARATION + "<NotificationConfiguration xmlns=\"" + NS + "\"/>")
                .isEqualTo(JACKSON.notificationConfiguration(empty));
    }

    @Test
    void destinationsAreGroupedByTypeWithEveryMemberInS3sOrder() {
        NotificationConfiguration configuration = new NotificationConfiguration(List.of(
                new DestinationConfiguration(DestinationType.FUNCTION, "f", "arn:aws:lambda:us-east-1:123456789012:function:f",
                        List.of("s3:ObjectCreated:*"), null, "arn:aws:iam::123456789012:role/r"),
                new DestinationConfiguration(DestinationType.TOPIC, "t1", "arn:aws:sns:us-east-1:123456789012:t",
                        List.of("s3:ObjectCreated:Put", "s3:ObjectRemoved:*"),
                        List.of(new FilterRule("prefix", "images/"), new FilterRule("suffix", "")), null),
                new DestinationConfiguration(DestinationType.QUEUE, "q", "arn:aws:sqs:us-east-1:123456789012:q",
                        List.of("s3:ObjectTagging:*"), null, null),
                new DestinationConfiguration(DestinationType.TOPIC, "t2", "arn:aws:sns:us-east-1:123456789012:t",
                        List.of("s3:ObjectRestore:*"), null, null)), true);
        assertThat(S3Documents.notificationConfiguration(configuration))
                .isEqualTo(S3Xml.DECLARATION + "<NotificationConfiguration xmlns=\"" + NS + "\">"
                        + "<TopicConfiguration><Id>t1</Id><Topic>arn:aws:sns:us-east-1:123456789012:t</Topic>"
                        + "<Event>s3:ObjectCreated:Put</Event><Event>s3:ObjectRemoved:*</Event><Filter><S3Key>"
                        + "<FilterRule><Name>prefix</Name><Value>images/</Value></FilterRule>"
                        + "<FilterRule><Name>suffix</Name><Value></Value></FilterRule></S3Key></Filter></TopicConfiguration>"
                        + "<TopicConfiguration><Id>t2</Id><Topic>arn:aws:sns:us-east-1:123456789012:t</Topic>"
                        + "<Event>s3:ObjectRestore:*</Event></TopicConfiguration>"
                        + "<QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:123456789012:q</Queue>"
                        + "<Event>s3:ObjectTagging:*</Event></QueueConfiguration>"
                        + "<CloudFunctionConfiguration><Id>f</Id>"
                        + "<CloudFunction>arn:aws:lambda:us-east-1:123456789012:function:f</CloudFunction>"
                        + "<InvocationRole>arn:aws:iam::123456789012:role/r</InvocationRole>"
                        + "<Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration>"
                        + "<EventBridgeConfiguration/></NotificationConfiguration>")
                .isEqualTo(JACKSON.notificationConfiguration(configuration));
    }

    @Test
    void errorsListTheirOwnElementsBetweenMessageAndRequestId() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ArgumentName1", "arn:aws:sns:us-east-1:123456789012:missing");
        details.put("ArgumentValue1", "Permissions on the destination topic do not allow S3 to publish notifications from this bucket");
        String written = S3Documents.error("InvalidArgument", "Unable to validate the following destination configurations",
                details, "REQ", "HOST");
        assertThat(written).isEqualTo(S3Xml.DECLARATION + "<Error><Code>InvalidArgument</Code>"
                        + "<Message>Unable to validate the following destination configurations</Message>"
                        + "<ArgumentName1>arn:aws:sns:us-east-1:123456789012:missing</ArgumentName1>"
                        + "<ArgumentValue1>Permissions on the destination topic do not allow S3 to publish notifications"
                        + " from this bucket</ArgumentValue1><RequestId>REQ</RequestId><HostId>HOST</HostId></Error>")
                .isEqualTo(JACKSON.error("InvalidArgument", "Unable to validate the following destination configurations",
                        details, "REQ", "HOST"));
    }

    @Test
    void aDetailWithoutAValueIsLeftOut() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ArgumentName", "Id");
        details.put("ArgumentValue", null);
        assertThat(S3Documents.error("InvalidArgument", "m", details, "REQ", "HOST"))
                .isEqualTo(S3Xml.DECLARATION + "<Error><Code>InvalidArgument</Code><Message>m</Message>"
                        + "<ArgumentName>Id</ArgumentName><RequestId>REQ</RequestId><HostId>HOST</HostId></Error>")
                .isEqualTo(JACKSON.error("InvalidArgument", "m", details, "REQ", "HOST"));
    }

    @Test
    void bucketListsAndLocationsAsJacksonWroteThem() {
        List<Bucket> buckets = List.of(new Bucket("a-bucket", "123456789012", "eu-west-1", Instant.parse("2026-01-02T03:04:05.678Z")),
                new Bucket("b-bucket", "123456789012", "us-east-1", Instant.parse("2026-11-22T00:00:00Z")));
        for (boolean withRegions : new boolean[] {false, true}) {
            assertThat(S3Documents.listBuckets(buckets, "owner-id", withRegions, null, null))
                    .isEqualTo(JACKSON.listBuckets(buckets, "owner-id", withRegions, null, null));
            assertThat(S3Documents.listBuckets(buckets, "owner-id", withRegions, "", "token"))
                    .isEqualTo(JACKSON.listBuckets(buckets, "owner-id", withRegions, "", "token"));
        }
        assertThat(S3Documents.listBuckets(List.of(), "owner-id", true, "x-", null))
                .isEqualTo(JACKSON.listBuckets(List.of(), "owner-id", true, "x-", null));
        assertThat(S3Documents.location("us-east-1"))
                .isEqualTo(S3Xml.DECLARATION + "<LocationConstraint xmlns=\"" + NS + "\"/>")
                .isEqualTo(JACKSON.location("us-east-1"));
        assertThat(S3Documents.location(null)).isEqualTo(JACKSON.location(null));
        assertThat(S3Documents.location("eu-west-1"))
                .isEqualTo(S3Xml.DECLARATION + "<LocationConstraint xmlns=\"" + NS + "\">eu-west-1</LocationConstraint>")
                .isEqualTo(JACKSON.location("eu-west-1"));
    }

    @Property(tries = 500)
    void randomConfigurationsAreWrittenAsJacksonWroteThem(@ForAll("configurations") NotificationConfiguration configuration) {
        assertThat(S3Documents.notificationConfiguration(configuration)).isEqualTo(JACKSON.notificationConfiguration(configuration));
    }

    @Property(tries = 300)
    void randomErrorsAreWrittenAsJacksonWroteThem(@ForAll("texts") String message, @ForAll("texts") String argument,
            @ForAll("texts") String requestId) {
        Map<String, String> details = Map.of("ArgumentName", argument);
        assertThat(S3Documents.error("InvalidArgument", message, details, requestId, "host"))
                .isEqualTo(JACKSON.error("InvalidArgument", message, details, requestId, "host"));
    }

    @Property(tries = 200)
    void randomBucketListsAreWrittenAsJacksonWroteThem(@ForAll("texts") String owner, @ForAll("texts") String prefix,
            @ForAll boolean withRegions) {
        List<Bucket> buckets = List.of(new Bucket("bucket-" + Math.abs(owner.hashCode()), "123456789012", "ap-south-1",
                Instant.ofEpochMilli(Math.abs((long) prefix.hashCode()) * 1000)));
        assertThat(S3Documents.listBuckets(buckets, owner, withRegions, prefix, owner))
                .isEqualTo(JACKSON.listBuckets(buckets, owner, withRegions, prefix, owner));
    }

    /** Texts XML can carry, with what needs escaping over-represented: markup, quotes, whitespace, non-ASCII. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("<>&\"'\t\n\r ]]>aZ0/:*é日😀").ofMaxLength(24),
                Arbitraries.strings().all().ofMaxLength(16).filter(S3DocumentsTest::isXmlText));
    }

    @Provide
    Arbitrary<NotificationConfiguration> configurations() {
        Arbitrary<FilterRule> rule = Combinators.combine(Arbitraries.of("prefix", "suffix", "Prefix"), texts()).as(FilterRule::new);
        Arbitrary<DestinationConfiguration> destination = Combinators.combine(
                Arbitraries.of(DestinationType.class), texts().injectNull(0.2), texts(), texts().list().ofMinSize(1).ofMaxSize(3),
                rule.list().ofMinSize(1).ofMaxSize(2).injectNull(0.4), texts().injectNull(0.7))
                .as(DestinationConfiguration::new);
        return Combinators.combine(destination.list().ofMaxSize(5), Arbitraries.of(true, false))
                .as(NotificationConfiguration::new);
    }

    /** The characters XML 1.0 allows in text; S3's documents come from parsed XML, so they hold no others. */
    private static boolean isXmlText(String s) {
        return s.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) && !hasLoneSurrogate(s);
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }
}
