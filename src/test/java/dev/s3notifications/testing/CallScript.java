package dev.s3notifications.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The script of a scripted SDK client for unit tests of delivery logic: records every request, and answers each
 * call with the next scripted answer (or exception), or with the client's default answer once the script is used up.
 * Safe for clients called from several threads.
 */
public final class CallScript {
    private final List<Object> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Function<Object, Object>> script = new ArrayDeque<>();

    /** The next call throws {@code exception}. */
    public synchronized void thenThrow(RuntimeException exception) {
        script.add(request -> {
            throw exception;
        });
    }

    /** The next call answers with {@code answer(request)}. */
    @SuppressWarnings("unchecked")
    public synchronized <Q> void then(Function<Q, Object> answer) {
        script.add(request -> answer.apply((Q) request));
    }

    /** Records {@code request} and answers it: the next scripted answer, or {@code byDefault}'s. */
    @SuppressWarnings("unchecked")
    public <Q, A> A answer(Q request, Function<Q, A> byDefault) {
        Function<Object, Object> next;
        synchronized (this) {
            requests.add(request);
            next = script.poll();
        }
        return next == null ? byDefault.apply(request) : (A) next.apply(request);
    }

    /** Records {@code request} without answering it (a client that answers some calls another way). */
    public synchronized void record(Object request) {
        requests.add(request);
    }

    /** Every request so far, a live view. */
    public List<Object> requests() {
        return requests;
    }

    public synchronized <Q> List<Q> requests(Class<Q> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
