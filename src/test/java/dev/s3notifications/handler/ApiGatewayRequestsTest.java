package dev.s3notifications.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import dev.s3notifications.api.S3Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How API Gateway REST proxy events become S3 requests. */
class ApiGatewayRequestsTest {
    private final ApiGatewayRequests requests = new ApiGatewayRequests(List.of("s3.example.com", "localhost"));

    private static APIGatewayProxyRequestEvent event(String method, String path) {
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withPath(path);
    }

    @Test
    void aRequestWithoutQueryStringHasNullQueryMaps() {
        S3Request request = requests.toS3Request(event("GET", "/"), "inv-1");
        assertThat(request.bucket()).isNull();
        assertThat(request.query()).isEmpty();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void aBareSubresourceIsAnEmptyValue() {
        S3Request request = requests.toS3Request(event("PUT", "/photos")
                .withQueryStringParameters(Map.of("notification", ""))
                .withMultiValueQueryStringParameters(Map.of("notification", List.of(""))), "inv-1");
        assertThat(request.bucket()).isEqualTo("photos");
        assertThat(request.key()).isNull();
        assertThat(request.hasQuery("notification")).isTrue();
    }

    @Test
    void decodesBase64Bodies() {
        String xml = "<NotificationConfiguration/>";
        S3Request request = requests.toS3Request(event("PUT", "/photos").withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))), "inv-1");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(xml);
    }

    @Test
    void takesTheBucketFromAVirtualHost() {
        S3Request request = requests.toS3Request(event("GET", "/").withHeaders(Map.of("Host", "photos.s3.example.com")), "inv-1");
        assertThat(request.bucket()).isEqualTo("photos");

        S3Request withPort = requests.toS3Request(event("GET", "/").withHeaders(Map.of("host", "my.dotted.bucket.localhost:4566")), "inv-1");
        assertThat(withPort.bucket()).isEqualTo("my.dotted.bucket");

        S3Request pathStyle = requests.toS3Request(event("GET", "/photos").withHeaders(Map.of("Host", "s3.example.com")), "inv-1");
        assertThat(pathStyle.bucket()).isEqualTo("photos");
    }

    @Test
    void takesTheBucketFromTheRouteBehindACustomDomainBasePath() {
        // A custom domain maps base path "v1" to the API; API Gateway leaves "/v1" in event.path.
        S3Request request = requests.toS3Request(event("GET", "/v1/photos")
                .withResource("/{bucket}").withPathParameters(Map.of("bucket", "photos"))
                .withQueryStringParameters(Map.of("notification", "")), "inv-1");
        assertThat(request.bucket()).isEqualTo("photos");
        assertThat(request.key()).isNull();
    }

    @Test
    void anObjectPathHasAKey() {
        S3Request request = requests.toS3Request(event("GET", "/photos/2026/cat.jpg"), "inv-1");
        assertThat(request.bucket()).isEqualTo("photos");
        assertThat(request.key()).isEqualTo("2026/cat.jpg");
    }

    @Test
    void theRequestIsNotAuthenticatedYetWhateverIdentityTheEventCarries() {
        var context = new ProxyRequestContext().withIdentity(new RequestIdentity().withAccountId("210987654321").withSourceIp("10.1.2.3"));
        S3Request request = requests.toS3Request(event("GET", "/").withRequestContext(context), "inv-1");
        assertThat(request.caller()).isNull();
        assertThat(request.sourceIp()).isEqualTo("10.1.2.3");
    }

    @Test
    void keepsThePathAsSignedBehindAStage() {
        // https://abc.execute-api.us-east-1.amazonaws.com/prod/photos?notification: the client signed /prod/photos
        var context = new ProxyRequestContext().withPath("/prod/photos").withStage("prod")
                .withDomainName("abc.execute-api.us-east-1.amazonaws.com");
        S3Request request = requests.toS3Request(event("GET", "/photos").withResource("/{bucket}")
                .withPathParameters(Map.of("bucket", "photos")).withRequestContext(context), "inv-1");
        assertThat(request.bucket()).isEqualTo("photos");
        assertThat(request.path()).isEqualTo("/prod/photos");
        assertThat(request.bucketInHost()).isFalse();
        assertThat(request.header("Host")).as("from the domain name when the event has no Host header")
                .isEqualTo("abc.execute-api.us-east-1.amazonaws.com");
    }

    @Test
    void keepsThePathAsSignedBehindACustomDomainBasePathAndItsEncoding() {
        var context = new ProxyRequestContext().withPath("/v1/photos%2Dx").withStage("prod");
        S3Request request = requests.toS3Request(event("GET", "/v1/photos%2Dx").withResource("/{bucket}")
                .withPathParameters(Map.of("bucket", "photos-x")).withHeaders(Map.of("Host", "s3.example.org"))
                .withRequestContext(context), "inv-1");
        assertThat(request.bucket()).isEqualTo("photos-x");
        assertThat(request.path()).isEqualTo("/v1/photos%2Dx");
        assertThat(request.header("host")).isEqualTo("s3.example.org");
    }

    @Test
    void withoutARequestContextThePathIsTheEventsAndAHostBucketIsMarked() {
        S3Request request = requests.toS3Request(event("GET", "/").withHeaders(Map.of("Host", "photos.s3.example.com")), "inv-1");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.bucketInHost()).isTrue();
    }

    @Test
    void repeatedHeadersAreJoinedAndLookedUpCaseInsensitively() {
        S3Request request = requests.toS3Request(event("GET", "/")
                .withMultiValueHeaders(Map.of("X-Amz-Meta-Tag", List.of("a", "b"))), "inv-1");
        assertThat(request.header("x-amz-meta-tag")).isEqualTo("a,b");
    }

    @Test
    void requestIdsAreS3ShapedAndStablePerInvocation() {
        S3Request first = requests.toS3Request(event("GET", "/"), "3f1c9a52-0b7e-4c1d-9a7e-2f1d8e5b6c4a");
        S3Request again = requests.toS3Request(event("GET", "/"), "3f1c9a52-0b7e-4c1d-9a7e-2f1d8e5b6c4a");
        assertThat(first.requestId()).matches("[0-9A-HJKMNP-TV-Z]{16}").isEqualTo(again.requestId());
        assertThat(first.hostId()).isBase64().hasSize(96);
    }
}
