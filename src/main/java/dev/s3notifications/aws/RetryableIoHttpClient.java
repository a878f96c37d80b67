package dev.s3notifications.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The URLConnection HTTP client, with its I/O failures handed to the SDK as the {@link IOException}s they are.
 * The client wraps some of them (a connection reset while the request is written or the answer awaited) in
 * {@link UncheckedIOException}, which the SDK's retry stage does not catch: the call then fails at once, unretried,
 * and as no {@code SdkException}, so the adapters took a network blip for a bug (500 InternalError, a whole failed
 * fan-out batch). Fixed in the SDK after 2.42 (aws/aws-sdk-java-v2#7347); this can go once we are past it.
 */
public final class RetryableIoHttpClient extends DelegatingHttpClient {
    public RetryableIoHttpClient(SdkHttpClient delegate) {
        super(delegate);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return prepared.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }
}
