package dev.s3notifications.xml;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import java.util.List;
import java.util.Map;

/**
 * The XML documents the API answers with, written element by element with Woodstox's StAX writer ({@link S3Xml}).
 * Every answer's document is written here, so the cold-start benchmark's baseline writes all of them with Jackson's
 * {@code XmlMapper} by carrying a test class of this name in place of this one in its task root (see
 * docs/benchmarks.md); nothing here knows of it.
 */
public final class S3Documents {
    private S3Documents() {
    }

    /** {@code GET ?notification}: see {@link NotificationConfigurationXml#write}. */
    public static String notificationConfiguration(NotificationConfiguration configuration) {
        return NotificationConfigurationXml.write(configuration);
    }

    /** Any error: see {@link ErrorXml#write}. */
    public static String error(String code, String message, Map<String, String> details, String requestId, String hostId) {
        return ErrorXml.write(code, message, details, requestId, hostId);
    }

    /** {@code GET /}: see {@link BucketXml#listBuckets}. */
    public static String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix,
            String continuationToken) {
        return BucketXml.listBuckets(buckets, ownerId, withRegions, prefix, continuationToken);
    }

    /** {@code GET ?location}: see {@link BucketXml#location}. */
    public static String location(String region) {
        return BucketXml.location(region);
    }
}
