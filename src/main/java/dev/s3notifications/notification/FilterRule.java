package dev.s3notifications.notification;

/** One {@code Filter/S3Key/FilterRule}: a key prefix or suffix. Names are stored as S3 returns them, {@code Prefix} or {@code Suffix}. */
public record FilterRule(String name, String value) {
    public static final String PREFIX = "Prefix";
    public static final String SUFFIX = "Suffix";

    public boolean isPrefix() {
        return PREFIX.equalsIgnoreCase(name);
    }

    public boolean isSuffix() {
        return SUFFIX.equalsIgnoreCase(name);
    }
}
