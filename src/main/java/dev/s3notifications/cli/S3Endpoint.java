package dev.s3notifications.cli;

import dev.s3notifications.xml.MalformedXmlException;
import dev.s3notifications.xml.S3Xml;
import dev.s3notifications.xml.XmlElement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * An S3 endpoint the command asks with signed {@code GET}s, as any S3 client does: SigV4 for the service
 * {@code s3}, the payload hash signed, path-style, credentials from the SDK's default chain.
 */
final class S3Endpoint {
    /** An S3 error answer: its status, code and message. */
    static final class S3Error extends RuntimeException {
        private static final long serialVersionUID = 1L;

        S3Error(String message) {
            super(message);
        }
    }

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    S3Endpoint(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    /**
     * The endpoint the options or environment name ({@code --endpoint-url}, {@code AWS_ENDPOINT_URL_S3},
     * {@code AWS_ENDPOINT_URL}, else Amazon S3's in the region), and the region to sign for.
     */
    static S3Endpoint fromEnvironment(String endpointOption, String regionOption, Map<String, String> env) {
        String region = first(regionOption, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), "us-east-1");
        String endpoint = first(endpointOption, env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"),
                "https://s3." + region + ".amazonaws.com");
        return new S3Endpoint(URI.create(endpoint.replaceFirst("/+$", "")), region, DefaultCredentialsProvider.builder().build());
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalStateException("no value");
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * The body of {@code GET /bucket?subresource}.
     *
     * @throws S3Error     when S3 answers with an error
     * @throws IOException when it cannot be reached
     */
    String get(String bucket, String subresource) throws IOException {
        URI uri = URI.create(endpoint + "/" + bucket + "?" + subresource);
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET)
                .putHeader("Host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort()).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(request)
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .identity(credentials.resolveCredentials())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new S3Error(error(uri, response));
        }
        return response.body();
    }

    /** S3's error document as one line: status, code, message. */
    private static String error(URI uri, HttpResponse<String> response) {
        String code = "";
        String message = "";
        try {
            XmlElement error = S3Xml.parse(response.body().getBytes(StandardCharsets.UTF_8));
            for (XmlElement child : error.children()) {
                if (child.name().equals("Code")) {
                    code = child.text();
                } else if (child.name().equals("Message")) {
                    message = child.text();
                }
            }
        } catch (MalformedXmlException e) {
            message = response.body();
        }
        return "GET " + uri + " answered " + response.statusCode() + " " + code + (message.isEmpty() ? "" : ": " + message);
    }
}
