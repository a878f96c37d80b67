package dev.s3notifications.api;

import static dev.s3notifications.api.PutBucketNotificationValidationTest.TOPIC;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.document;
import static dev.s3notifications.api.PutBucketNotificationValidationTest.topic;
import static dev.s3notifications.testing.S3Requests.ACCOUNT;
import static dev.s3notifications.testing.S3Requests.OTHER_ACCOUNT;
import static dev.s3notifications.testing.S3Requests.getNotification;
import static dev.s3notifications.testing.S3Requests.putNotification;
import static dev.s3notifications.testing.S3Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3notifications.authorization.Caller;
import dev.s3notifications.memory.InMemoryBucketStore;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketState;
import dev.s3notifications.testing.GivenCallerAuthenticator;
import dev.s3notifications.testing.RecordingDestinationVerifier;
import dev.s3notifications.testing.S3ErrorDocument;
import dev.s3notifications.testing.S3Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, and what a policy lets other accounts do. */
class BucketPolicyApiTest {
    private static final String BUCKET = "photos";
    private static final Caller OTHER_ROOT = Caller.accountRoot(OTHER_ACCOUNT);
    private static final Caller OTHER_BOB = new Caller(OTHER_ACCOUNT, "arn:aws:iam::" + OTHER_ACCOUNT + ":user/bob", "AKIABOB");
    private static final Caller OWNER_ALICE = new Caller(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/alice", "AKIAALICE");

    private final InMemoryBucketStore store = new InMemoryBucketStore();
    private final S3Api api = new S3Api(new GivenCallerAuthenticator(), store, new NotificationConfigurationValidator(),
            new RecordingDestinationVerifier(), "us-east-1", 256 * 1024, Clock.systemUTC(), NotificationHealth.NONE);

    @BeforeEach
    void bucket() {
        store.create(new Bucket(BUCKET, ACCOUNT, "us-east-1", Instant.parse("2026-11-01T00:00:00Z")));
    }

    private static String policy(String effect, String principal, String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":" + actions + ",\"Resource\":\"arn:aws:s3:::photos\"}]}";
    }

    private static final String GRANT_NOTIFICATIONS = policy("Allow", "{\"AWS\":\"" + OTHER_ACCOUNT + "\"}",
            "[\"s3:GetBucketNotification\",\"s3:PutBucketNotification\"]");

    private S3Response putPolicy(String json) {
        return api.handle(request("PUT", BUCKET).query("policy").body(json).build());
    }

    private BucketState state() {
        return store.find(BUCKET).orElseThrow();
    }

    @Test
    void putStoresS3sFormGetReturnsItDeleteRemovesIt() {
        S3Response put = putPolicy(GRANT_NOTIFICATIONS.replace(",", ", "));
        assertThat(put.status()).isEqualTo(204);
        assertThat(put.body()).isEmpty();

        S3Response get = api.handle(request("GET", BUCKET).query("policy").build());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.headers()).containsEntry("Content-Type", "application/json");
        assertThat(get.body()).isEqualTo(GRANT_NOTIFICATIONS.replace("\"" + OTHER_ACCOUNT + "\"",
                "\"arn:aws:iam::" + OTHER_ACCOUNT + ":root\""));

        assertThat(api.handle(request("DELETE", BUCKET).query("policy").build()).status()).isEqualTo(204);
        assertThat(state().policy()).isNull();
        assertThat(api.handle(request("DELETE", BUCKET).query("policy").build()).status())
                .as("deleting no policy succeeds").isEqualTo(204);
    }

    @Test
    void getWithoutAPolicyIsNoSuchBucketPolicy() {
        S3ErrorDocument error = S3ErrorDocument.of(api.handle(request("GET", BUCKET).query("policy").build()));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.code()).isEqualTo("NoSuchBucketPolicy");
        assertThat(error.message()).isEqualTo("The bucket policy does not exist");
        assertThat(error.details()).containsExactly(Map.entry("BucketName", BUCKET));
    }

    @Test
    void aMalformedPolicyIsRefusedAndTheStoredOneKept() {
        putPolicy(GRANT_NOTIFICATIONS);
        String before = state().policy();

        S3ErrorDocument error = S3ErrorDocument.of(putPolicy(GRANT_NOTIFICATIONS.replace("photos", "videos")));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("MalformedPolicy");
        assertThat(error.message()).isEqualTo("Policy has invalid resource");
        assertThat(state().policy()).isEqualTo(before);
    }

    @Test
    void anotherAccountWithoutAGrantIsDeniedAndChangesNothing() {
        api.handle(putNotification(BUCKET, document(topic("mine", TOPIC, "s3:ObjectCreated:*"))).build());
        BucketState before = state();

        S3ErrorDocument get = S3ErrorDocument.of(api.handle(getNotification(BUCKET).caller(OTHER_ROOT).build()));
        S3ErrorDocument put = S3ErrorDocument.of(api.handle(putNotification(BUCKET, document("")).caller(OTHER_ROOT).build()));

        for (S3ErrorDocument error : new S3ErrorDocument[] {get, put}) {
            assertThat(error.status()).isEqualTo(403);
            assertThat(error.code()).isEqualTo("AccessDenied");
            assertThat(error.message()).isEqualTo("Access Denied");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anotherAccountWithAGrantMayGetAndPutNotificationsButNothingElse() {
        putPolicy(GRANT_NOTIFICATIONS);

        S3Response put = api.handle(putNotification(BUCKET, document(topic("theirs", TOPIC, "s3:ObjectRemoved:*")))
                .caller(OTHER_BOB).build());
        assertThat(put.status()).isEqualTo(200);
        S3Response get = api.handle(getNotification(BUCKET).caller(OTHER_BOB).build());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).contains("<Id>theirs</Id>");

        for (S3Requests other : new S3Requests[] {request("DELETE", BUCKET), request("HEAD", BUCKET),
                request("GET", BUCKET).query("location")}) {
            assertThat(api.handle(other.caller(OTHER_BOB).build()).status()).isEqualTo(403);
        }
        assertThat(store.find(BUCKET)).isPresent();
    }

    @Test
    void anExplicitDenyWinsOverTheGrantAndChangesNothing() {
        putPolicy("{\"Statement\":[" + GRANT_NOTIFICATIONS.substring(GRANT_NOTIFICATIONS.indexOf('[') + 1,
                GRANT_NOTIFICATIONS.lastIndexOf(']')) + ",{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\""
                + OTHER_BOB.principalArn() + "\"},\"Action\":\"s3:PutBucketNotification\",\"Resource\":\"arn:aws:s3:::photos\"}]}");
        BucketState before = state();

        S3ErrorDocument denied = S3ErrorDocument.of(api.handle(putNotification(BUCKET,
                document(topic("theirs", TOPIC, "s3:ObjectRemoved:*"))).caller(OTHER_BOB).build()));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(state()).isEqualTo(before);
        assertThat(api.handle(getNotification(BUCKET).caller(OTHER_BOB).build()).status()).as("Get is still granted")
                .isEqualTo(200);
        assertThat(api.handle(putNotification(BUCKET, document("")).caller(OTHER_ROOT).build()).status())
                .as("the account's other principals keep the grant").isEqualTo(200);
    }

    @Test
    void anExplicitDenyBindsTheOwnerButNeverLocksItsRootOutOfThePolicy() {
        putPolicy(policy("Deny", "\"*\"", "\"s3:*\""));

        assertThat(api.handle(getNotification(BUCKET).build()).status()).as("owner root").isEqualTo(403);
        assertThat(api.handle(getNotification(BUCKET).caller(OWNER_ALICE).build()).status()).as("owner user").isEqualTo(403);
        assertThat(api.handle(request("DELETE", BUCKET).query("policy").caller(OWNER_ALICE).build()).status())
                .as("a user of the owner account is bound by the deny").isEqualTo(403);

        assertThat(api.handle(request("GET", BUCKET).query("policy").build()).status()).isEqualTo(200);
        assertThat(api.handle(request("DELETE", BUCKET).query("policy").build()).status()).isEqualTo(204);
        assertThat(api.handle(getNotification(BUCKET).build()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnersAccountMayManageThePolicy() {
        S3ErrorDocument notGranted = S3ErrorDocument.of(api.handle(request("GET", BUCKET).query("policy")
                .caller(OTHER_ROOT).build()));
        assertThat(notGranted.status()).isEqualTo(403);

        putPolicy(policy("Allow", "{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "\"s3:*\""));
        S3ErrorDocument granted = S3ErrorDocument.of(api.handle(request("PUT", BUCKET).query("policy")
                .body(policy("Allow", "\"*\"", "\"s3:*\"")).caller(OTHER_ROOT).build()));
        assertThat(granted.status()).as("S3: 405 when granted but not of the owner's account").isEqualTo(405);
        assertThat(granted.code()).isEqualTo("MethodNotAllowed");
        assertThat(state().policy()).contains(OTHER_ACCOUNT);
    }

    @Test
    void theExpectedBucketOwnerHeaderStillRefusesAGrantedCaller() {
        putPolicy(GRANT_NOTIFICATIONS);
        assertThat(api.handle(getNotification(BUCKET).caller(OTHER_BOB).header("x-amz-expected-bucket-owner", ACCOUNT)
                .build()).status()).isEqualTo(200);
        S3ErrorDocument wrongOwner = S3ErrorDocument.of(api.handle(getNotification(BUCKET).caller(OTHER_BOB)
                .header("x-amz-expected-bucket-owner", OTHER_ACCOUNT).build()));
        assertThat(wrongOwner.status()).isEqualTo(403);
        assertThat(wrongOwner.code()).isEqualTo("AccessDenied");
    }

    @Test
    void theOwnerDeletingTheBucketDeletesThePolicy() {
        putPolicy(GRANT_NOTIFICATIONS);
        assertThat(api.handle(request("DELETE", BUCKET).build()).status()).isEqualTo(204);
        api.handle(request("PUT", BUCKET).build());
        assertThat(state().policy()).isNull();
    }

    @Test
    void policyRoutesAnswerOtherMethodsWith405AndAMissingBucketWith404() {
        S3ErrorDocument post = S3ErrorDocument.of(api.handle(request("POST", BUCKET).query("policy").build()));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.details()).containsExactly(Map.entry("Method", "POST"), Map.entry("ResourceType", "POLICY"));
        S3ErrorDocument missing = S3ErrorDocument.of(api.handle(request("PUT", "missing").query("policy")
                .body(GRANT_NOTIFICATIONS).build()));
        assertThat(missing.code()).isEqualTo("NoSuchBucket");
    }

    @Test
    void anonymousRequestsNeverReachAnOperation() {
        putPolicy(policy("Allow", "\"*\"", "\"s3:*\""));
        S3ErrorDocument error = S3ErrorDocument.of(api.handle(getNotification(BUCKET).caller((Caller) null).build()));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.code()).isEqualTo("AccessDenied");
    }
}
