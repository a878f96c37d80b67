package dev.s3notifications.aws;

import software.amazon.awssdk.http.SdkHttpClient;

/** An HTTP client decorator: changes how requests are prepared, and is otherwise the client it wraps. */
abstract class DelegatingHttpClient implements SdkHttpClient {
    protected final SdkHttpClient delegate;

    DelegatingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
