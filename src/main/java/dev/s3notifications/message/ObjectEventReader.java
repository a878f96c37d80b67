package dev.s3notifications.message;

import java.util.List;

/** Turns the body of one queue message into the object events it carries. */
public interface ObjectEventReader {

    /**
     * The events in {@code body}, in order; none for a message that carries no object event (S3's
     * {@code s3:TestEvent}).
     *
     * @throws InvalidObjectEventException when the body is not an object-event message
     */
    List<ObjectEvent> read(String body);
}
