package dev.s3notifications.message;

/** An object-event message that can never be delivered, however often it is retried: its text says why. */
public final class InvalidObjectEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidObjectEventException(String message) {
        super(message);
    }
}
