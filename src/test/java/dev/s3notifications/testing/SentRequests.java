package dev.s3notifications.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records the requests SDK clients are asked to send, one per call (retries aside), as the calling code built them. */
public final class SentRequests implements ExecutionInterceptor {
    private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        sent.add(context.request());
    }

    /** What was sent since the last {@link #clear()}, in order. */
    public List<SdkRequest> list() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
    }
}
