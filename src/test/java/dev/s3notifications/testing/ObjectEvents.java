package dev.s3notifications.testing;

import dev.s3notifications.message.ObjectEvent;
import dev.s3notifications.notification.EventType;
import java.time.Instant;

/** Builds valid object events for tests: every field set, as the storage front end would report a PUT. */
public final class ObjectEvents {
    public static final Instant TIME = Instant.parse("2026-11-22T10:15:30.123456Z");

    private EventType type = EventType.OBJECT_CREATED_PUT;
    private String bucket = "photos";
    private String key = "images/cat.jpg";
    private Long size = 1024L;
    private String eTag = "d41d8cd98f00b204e9800998ecf8427e";
    private String versionId;
    private String sequencer = "0055AED6DCD90281E5";
    private Instant time = TIME;
    private ObjectEvent.Restore restore;
    private ObjectEvent.Context context = ObjectEvent.Context.NONE;

    public static ObjectEvents event(EventType type, String bucket, String key) {
        ObjectEvents e = new ObjectEvents();
        e.type = type;
        e.bucket = bucket;
        e.key = key;
        return e;
    }

    public static ObjectEvent put(String bucket, String key) {
        return event(EventType.OBJECT_CREATED_PUT, bucket, key).build();
    }

    public ObjectEvents size(Long value) {
        size = value;
        return this;
    }

    public ObjectEvents eTag(String value) {
        eTag = value;
        return this;
    }

    public ObjectEvents versionId(String value) {
        versionId = value;
        return this;
    }

    public ObjectEvents sequencer(String value) {
        sequencer = value;
        return this;
    }

    public ObjectEvents time(Instant value) {
        time = value;
        return this;
    }

    public ObjectEvents context(ObjectEvent.Context value) {
        context = value;
        return this;
    }

    public ObjectEvents restore(ObjectEvent.Restore value) {
        restore = value;
        return this;
    }

    public ObjectEvent build() {
        return new ObjectEvent(type, bucket, key, size, eTag, versionId, sequencer, time, "AWS:AIDAJDPLRKLG7UEXAMPLE",
                "203.0.113.7", "C3D13FE58DE4C810", "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD",
                restore, context);
    }
}
