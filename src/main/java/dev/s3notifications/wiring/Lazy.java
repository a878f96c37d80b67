package dev.s3notifications.wiring;

import java.util.function.Supplier;

/**
 * A value made on first use and kept: a function builds the SDK client of a kind of destination only when a request
 * or a batch needs one, so a cold start pays only for the services it uses.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> maker;
    private volatile T value;

    private Lazy(Supplier<T> maker) {
        this.maker = maker;
    }

    static <T> Lazy<T> of(Supplier<T> maker) {
        return new Lazy<>(maker);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = maker.get();
                    value = made;
                }
            }
        }
        return made;
    }
}
