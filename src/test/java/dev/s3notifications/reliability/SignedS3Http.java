package dev.s3notifications.reliability;

import dev.s3notifications.testing.SigV4Signing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A small S3 client over {@code java.net.http} (HTTP/1.1, kept-alive connections) whose every request is signed
 * with SigV4 for service {@code s3}, payload hash and all given headers signed ({@link SigV4Signing}): what the
 * concurrency and load runs send to the local stack (or to a deployed API) with the credentials they are given.
 */
final class SignedS3Http implements AutoCloseable {
    /** The answer: status and body (the load run reads neither beyond the status). */
    record Answer(int status, String body) {
    }

    private final URI endpoint;
    private final SigV4Signing signing;
    private final HttpClient http;

    SignedS3Http(URI endpoint, String accessKeyId, String secretAccessKey, String region) {
        this.endpoint = endpoint;
        this.signing = new SigV4Signing(accessKeyId, secretAccessKey, region, Clock.systemUTC());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends one signed request.
     *
     * @param pathAndQuery e.g. {@code /photos?notification}
     */
    Answer send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = signing.httpRequest(method, endpoint.resolve(pathAndQuery), headers, body)
                .timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
