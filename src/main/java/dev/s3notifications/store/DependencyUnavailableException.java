package dev.s3notifications.store;

/**
 * A service we depend on (the store, a destination's service) could not answer: throttled, failing or out of
 * reach. Nothing the caller did wrong, so it is worth retrying.
 */
public final class DependencyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
