package dev.s3notifications.wiring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Init work started on a thread of its own, so that it overlaps what the starting thread does next (building the
 * other SDK client, wiring), and joined where its result is needed, before init ends.
 *
 * <p>Two threads of init only overlap if the function's classes load through a parallel-capable class loader: most
 * of init is loading classes. Lambda's runtime client loads them with a loader of its own that is not
 * parallel-capable (one lock for every class it loads), so a second thread would mostly wait; jvm-wrapper's
 * {@code TASK_ROOT_ON_CLASS_PATH=true} puts the task root on the JVM's class path, whose application class loader is
 * parallel-capable and is asked first. Work therefore goes to another thread only where this class itself was loaded
 * by that loader, and runs at once on the caller's thread anywhere else (docs/benchmarks.md measures both).
 */
public final class InitThread<T> {
    /** Whether a second thread of init overlaps the first: the function's classes load through a parallel-capable loader. */
    public static final boolean OVERLAPS = InitThread.class.getClassLoader() == ClassLoader.getSystemClassLoader();

    private final CompletableFuture<T> result;

    private InitThread(CompletableFuture<T> result) {
        this.result = result;
    }

    /** Starts {@code work} on a platform thread named {@code name} where that overlaps; otherwise runs it now. */
    public static <T> InitThread<T> start(String name, Supplier<T> work) {
        return start(name, work, OVERLAPS);
    }

    static <T> InitThread<T> start(String name, Supplier<T> work, boolean onAnotherThread) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) { // handed to whoever joins: an Error too, as if it had been thrown on their thread
                result.completeExceptionally(e);
            }
        };
        if (onAnotherThread) {
            Thread.ofPlatform().name(name).daemon(true).start(run);
        } else {
            run.run();
        }
        return new InitThread<>(result);
    }

    /** Waits for the work; its result, or what it threw, thrown again here. */
    public T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
