package dev.s3notifications.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A small S3 client over {@code java.net.http} (HTTP/1.1, kept-alive connections) whose every request is signed
 * with SigV4 for service {@code s3}, payload hash and all given headers signed, by the SDK's own signer: what the
 * concurrency and load runs send to the local stack (or to a deployed API) with the credentials they are given.
 */
final class SignedS3Http implements AutoCloseable {
    /** The answer: status and body (the load run reads neither beyond the status). */
    record Answer(int status, String body) {
    }

    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final HttpClient http;

    SignedS3Http(URI endpoint, String accessKeyId, String secretAccessKey, String region) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends one signed request.
     *
     * @param pathAndQuery e.g. {@code /photos?notification}
     */
    Answer send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        URI uri = endpoint.resolve(pathAndQuery);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method))
                .putHeader("Host", uri.getHost() + ":" + uri.getPort());
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC())).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) { // the client sends the same host:port it was signed with
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
