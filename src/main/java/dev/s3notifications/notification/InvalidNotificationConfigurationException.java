package dev.s3notifications.notification;

import java.util.List;

/**
 * A notification configuration S3 refuses: its message, and the arguments that explain it. Form errors carry
 * one un-numbered argument; destination failures carry one numbered argument per failing destination.
 */
public final class InvalidNotificationConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One {@code ArgumentName}/{@code ArgumentValue} pair of S3's error. */
    public record Argument(String name, String value) { }

    private final transient List<Argument> arguments;
    private final boolean numbered;

    private InvalidNotificationConfigurationException(String message, List<Argument> arguments, boolean numbered) {
        super(message);
        this.arguments = List.copyOf(arguments);
        this.numbered = numbered;
    }

    /** A form error: the first offending argument, reported un-numbered. */
    public static InvalidNotificationConfigurationException forArgument(String message, String name, String value) {
        return new InvalidNotificationConfigurationException(message, List.of(new Argument(name, value)), false);
    }

    /** Destinations that could not be validated, all of them, reported as {@code ArgumentName1..N}. */
    public static InvalidNotificationConfigurationException forDestinations(List<Argument> failures) {
        return new InvalidNotificationConfigurationException(
                "Unable to validate the following destination configurations", failures, true);
    }

    public List<Argument> arguments() {
        return arguments;
    }

    public boolean numbered() {
        return numbered;
    }
}
