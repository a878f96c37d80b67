package dev.s3notifications.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP requests SDK clients send, retries included, by service and operation, e.g. "Sns.PublishBatch" or "DynamoDb.GetItem". */
public final class AwsCallCounter implements ExecutionInterceptor {
    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String serviceDotOperation) {
        AtomicInteger count = calls.get(serviceDotOperation);
        return count == null ? 0 : count.get();
    }

    public int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        calls.forEach((name, count) -> copy.put(name, count.get()));
        return copy;
    }

    public void reset() {
        calls.clear();
    }
}
