package dev.s3notifications.api;

import static dev.s3notifications.testing.S3Requests.ACCOUNT;
import static dev.s3notifications.testing.S3Requests.OTHER_ACCOUNT;
import static dev.s3notifications.testing.S3Requests.getNotification;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static dev.s3notifications.testing.S3Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.testing.GivenCallerAuthenticator;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.testing.S3ErrorDocument;
import dev.s3notifications.testing.S3Requests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation and the routing around them. */
class BucketOperationsTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30.123456Z"), ZoneOffset.UTC);

    private final InMemoryBucketStore store = new InMemoryBucketStore();

    private S3Api api(String region) {
        return new S3Api(new GivenCallerAuthenticator(), store, new NotificationConfigurationValidator(),
                new RecordingDestinationVerifier(), region, 256 * 1024, CLOCK, NotificationHealth.NONE);
    }

    private final S3Api api = api("us-east-1");

    private static S3ErrorDocument error(S3Response response) {
        return S3ErrorDocument.of(response);
    }

    @Test
    void createsABucketAndAnswersWithItsLocation() {
        S3Response response = api.handle(request("PUT", "photos").build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Location", "/photos");
        assertThat(api.handle(request("HEAD", "photos").build()).headers()).containsEntry("x-amz-bucket-region", "us-east-1");
    }

    @Test
    void recreatingYourOwnBucketSucceedsInUsEast1AndIsAnErrorElsewhere() {
        api.handle(request("PUT", "photos").build());
        assertThat(api.handle(request("PUT", "photos").build()).status()).isEqualTo(200);

        S3Api ireland = api("eu-west-1");
        String body = "<CreateBucketConfiguration xmlns=\"" + NS + "\"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>";
        assertThat(ireland.handle(request("PUT", "dublin").body(body).build()).status()).isEqualTo(200);
        S3ErrorDocument again = error(ireland.handle(request("PUT", "dublin").body(body).build()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("BucketAlreadyOwnedByYou");
        assertThat(again.message()).isEqualTo("Your previous request to create the named bucket succeeded and you already own it.");
        assertThat(again.details()).containsExactlyEntriesOf(Map.of("BucketName", "dublin"));
    }

    @Test
    void anotherAccountsBucketNameIsTaken() {
        api.handle(request("PUT", "photos").build());
        S3ErrorDocument taken = error(api.handle(request("PUT", "photos").caller(OTHER_ACCOUNT).build()));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("BucketAlreadyExists");
        assertThat(taken.message()).isEqualTo("The requested bucket name is not available. The bucket namespace is shared by"
                + " all users of the system. Please select a different name and try again.");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ab", "Photos", "photos_2026", "-photos", "photos-", "my..bucket", "192.168.5.4", "xn--photos",
            "photos-s3alias", "photos--ol-s3", "a-63-characters-long-bucket-name-is-fine-but-one-more-is-not-ok-x"})
    void refusesNamesS3Refuses(String name) {
        S3ErrorDocument invalid = error(api.handle(request("PUT", name).build()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("InvalidBucketName");
        assertThat(invalid.message()).isEqualTo("The specified bucket is not valid.");
        assertThat(invalid.details()).containsEntry("BucketName", name);
        assertThat(store.find(name)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"abc", "photos.2026", "my-bucket-1", "a-63-characters-long-bucket-name-is-fine-but-one-more-is-not-ok"})
    void acceptsNamesS3Accepts(String name) {
        assertThat(api.handle(request("PUT", name).build()).status()).isEqualTo(200);
    }

    @Test
    void locationConstraintsMustNameThisRegion() {
        S3Api ireland = api("eu-west-1");
        S3ErrorDocument unspecified = error(ireland.handle(request("PUT", "photos").build()));
        assertThat(unspecified.code()).isEqualTo("IllegalLocationConstraintException");
        assertThat(unspecified.message()).isEqualTo(
                "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.");

        S3ErrorDocument other = error(ireland.handle(request("PUT", "photos").body(constraint("eu-central-1")).build()));
        assertThat(other.code()).isEqualTo("IllegalLocationConstraintException");
        assertThat(other.message()).isEqualTo(
                "The eu-central-1 location constraint is incompatible for the region specific endpoint this request was sent to.");

        for (String bad : new String[] {"us-east-1", "moon-1"}) {
            S3ErrorDocument invalid = error(api.handle(request("PUT", "photos").body(constraint(bad)).build()));
            assertThat(invalid.code()).isEqualTo("InvalidLocationConstraint");
            assertThat(invalid.message()).isEqualTo("The specified location-constraint is not valid");
            assertThat(invalid.details()).containsEntry("LocationConstraint", bad);
        }
        assertThat(error(api.handle(request("PUT", "photos").body("<CreateBucketConfiguration><Bogus/></CreateBucketConfiguration>")
                .build())).code()).isEqualTo("MalformedXML");
        assertThat(store.find("photos")).isEmpty();
        assertThat(ireland.handle(request("PUT", "photos").body(constraint("EU")).build()).status()).isEqualTo(200);
    }

    private static String constraint(String region) {
        return "<CreateBucketConfiguration xmlns=\"" + NS + "\"><LocationConstraint>" + region + "</LocationConstraint></CreateBucketConfiguration>";
    }

    @Test
    void deletingABucketDeletesItsNotificationConfiguration() {
        api.handle(request("PUT", "photos").build());
        api.handle(putNotification("photos", "<NotificationConfiguration><TopicConfiguration><Topic>"
                + "arn:aws:sns:us-east-1:123456789012:t</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>").build());

        S3Response deleted = api.handle(request("DELETE", "photos").build());
        assertThat(deleted.status()).isEqualTo(204);
        S3ErrorDocument gone = error(api.handle(getNotification("photos").build()));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("NoSuchBucket");

        api.handle(request("PUT", "photos").build());
        assertThat(api.handle(getNotification("photos").build()).body()).doesNotContain("TopicConfiguration");
    }

    @Test
    void onlyTheOwnerMayHeadOrDelete() {
        api.handle(request("PUT", "photos").build());
        S3Response head = api.handle(request("HEAD", "photos").caller(OTHER_ACCOUNT).build());
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.body()).isEmpty();
        assertThat(error(api.handle(request("DELETE", "photos").caller(OTHER_ACCOUNT).build())).code()).isEqualTo("AccessDenied");
        assertThat(store.find("photos")).isPresent();
        assertThat(api.handle(request("HEAD", "nope").build()).status()).isEqualTo(404);
    }

    @Test
    void listsTheCallersBucketsByNameInS3sShape() {
        api.handle(request("PUT", "zebra").build());
        api.handle(request("PUT", "apple").build());
        api.handle(request("PUT", "theirs").caller(OTHER_ACCOUNT).build());

        S3Response list = api.handle(request("GET", null).build());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult xmlns=\"" + NS + "\">"
                + "<Owner><ID>" + BucketOperations.canonicalUserId(ACCOUNT) + "</ID></Owner><Buckets>"
                + "<Bucket><Name>apple</Name><CreationDate>2026-11-22T10:15:30.123Z</CreationDate><BucketArn>arn:aws:s3:::apple</BucketArn></Bucket>"
                + "<Bucket><Name>zebra</Name><CreationDate>2026-11-22T10:15:30.123Z</CreationDate><BucketArn>arn:aws:s3:::zebra</BucketArn></Bucket>"
                + "</Buckets></ListAllMyBucketsResult>");
    }

    @Test
    void anyPagingParameterAddsRegionsAndPrefixIsEchoed() {
        api.handle(request("PUT", "apple").build());
        S3Response list = api.handle(request("GET", null).query("prefix", "").build());
        assertThat(list.body()).endsWith("<Buckets><Bucket><Name>apple</Name><CreationDate>2026-11-22T10:15:30.123Z</CreationDate>"
                + "<BucketRegion>us-east-1</BucketRegion><BucketArn>arn:aws:s3:::apple</BucketArn></Bucket></Buckets>"
                + "<Prefix></Prefix></ListAllMyBucketsResult>");
        assertThat(api.handle(request("GET", null).query("prefix", "zz").build()).body()).contains("<Buckets/><Prefix>zz</Prefix>");
        assertThat(api.handle(request("GET", null).query("bucket-region", "Us-East-1").build()).body()).contains("<BucketRegion>");
    }

    @Test
    void listsAPageAtATime() {
        for (String name : new String[] {"b1", "b2", "b3"}) {
            api.handle(request("PUT", "bucket-" + name).build());
        }
        S3Response first = api.handle(request("GET", null).query("max-buckets", "2").query("prefix", "bucket-").build());
        assertThat(first.body()).contains("bucket-b1", "bucket-b2").doesNotContain("bucket-b3")
                .containsPattern("<Prefix>bucket-</Prefix><ContinuationToken>[^<]+</ContinuationToken></ListAllMyBucketsResult>$");
        String token = first.body().replaceAll("(?s).*<ContinuationToken>([^<]+)</ContinuationToken>.*", "$1");
        S3Response second = api.handle(request("GET", null).query("continuation-token", token).build());
        assertThat(second.body()).contains("bucket-b3").doesNotContain("bucket-b1").doesNotContain("ContinuationToken");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "max-buckets|abc|Provided max-buckets not an integer or within integer range|abc",
            "max-buckets|' 1'|Provided max-buckets not an integer or within integer range|' 1'",
            "max-buckets|0|Argument max-buckets must be an integer between 1 and 10000|0",
            "max-buckets|-01|Argument max-buckets must be an integer between 1 and 10000|-1",
            "max-buckets|010001|Argument max-buckets must be an integer between 1 and 10000|10001",
            "bucket-region|zz|Argument value zz is not a valid AWS Region|",
            "bucket-region|eu-west-1|Requests with bucket-region specified must be made to the corresponding regional endpoint|",
            "continuation-token|garbage|The continuation token provided is incorrect|"})
    void refusesPagingParametersAsS3Does(String parameter, String value, String message, String argumentValue) {
        S3ErrorDocument error = error(api.handle(request("GET", null).query(parameter, value).build()));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("InvalidArgument");
        assertThat(error.message()).isEqualTo(message);
        if (argumentValue == null) {
            assertThat(error.details()).containsExactly(Map.entry("ArgumentName", parameter));
        } else {
            assertThat(error.details()).containsExactly(Map.entry("ArgumentName", parameter), Map.entry("ArgumentValue", argumentValue));
        }
    }

    @Test
    void answersTheBucketsLocation() {
        api.handle(request("PUT", "photos").build());
        assertThat(api.handle(request("GET", "photos").query("location").build()).body())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + NS + "\"/>");
        S3Api ireland = api("eu-west-1");
        ireland.handle(request("PUT", "dublin").body(constraint("eu-west-1")).build());
        assertThat(ireland.handle(request("GET", "dublin").query("location").build()).body())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + NS + "\">eu-west-1</LocationConstraint>");
    }

    @Test
    void otherMethodsOnTheNotificationSubresourceAreNotAllowed() {
        api.handle(request("PUT", "photos").build());
        for (String method : new String[] {"DELETE", "POST"}) {
            S3Response response = api.handle(request(method, "photos").query("notification").build());
            S3ErrorDocument error = error(response);
            assertThat(error.status()).isEqualTo(405);
            assertThat(error.code()).isEqualTo("MethodNotAllowed");
            assertThat(error.message()).isEqualTo("The specified method is not allowed against this resource.");
            assertThat(error.details()).containsExactly(Map.entry("Method", method), Map.entry("ResourceType", "NOTIFICATION"));
            assertThat(response.headers()).containsEntry("Allow", "GET");
        }
        S3Response head = api.handle(request("HEAD", "photos").query("notification").build());
        assertThat(head.status()).isEqualTo(405);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers()).containsEntry("Allow", "GET");
        assertThat(error(api.handle(request("PATCH", "photos").build())).status()).isEqualTo(405);
        assertThat(error(api.handle(request("PUT", null).build())).status()).isEqualTo(405);
    }

    @Test
    void unknownQueryKeysAreIgnoredAndSelectorsMatchCaseSensitively() {
        assertThat(api.handle(request("PUT", "photos").query("x-id", "CreateBucket").query("foo", "bar").build()).status()).isEqualTo(200);
        assertThat(api.handle(request("GET", "photos").query("notification", "1").build()).status()).isEqualTo(200);
        assertThat(error(api.handle(request("GET", "photos").query("Notification").build())).code()).isEqualTo("NotImplemented");
    }

    @Test
    void twoSelectorsConflict() {
        api.handle(request("PUT", "photos").build());
        S3ErrorDocument error = error(api.handle(request("GET", "photos").query("notification").query("acl").build()));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("InvalidArgument");
        assertThat(error.message()).isEqualTo("Conflicting query string parameters: acl, notification");
        assertThat(error.details()).containsExactly(Map.entry("ArgumentName", "ResourceType"), Map.entry("ArgumentValue", "acl"));
    }

    @Test
    void otherSubresourcesAndObjectsAreNotImplemented() {
        api.handle(request("PUT", "photos").build());
        for (S3Requests r : new S3Requests[] {request("GET", "photos").query("acl"), request("PUT", "photos").query("lifecycle"),
                request("GET", "photos").query("list-type", "2"), request("GET", "photos")}) {
            S3ErrorDocument error = error(api.handle(r.build()));
            assertThat(error.status()).isEqualTo(501);
            assertThat(error.code()).isEqualTo("NotImplemented");
            assertThat(error.message()).isEqualTo("A header you provided implies functionality that is not implemented");
        }
    }
}
