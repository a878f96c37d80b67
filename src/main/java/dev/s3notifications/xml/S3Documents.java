package dev.s3notifications.xml;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import java.util.List;
import java.util.Map;

/**
 * The XML documents the API answers with. The functions write them with {@link #streaming()}; the cold-start
 * benchmark's baseline plugs in Jackson's {@code XmlMapper} instead, as the issue that set its targets asks.
 */
public interface S3Documents {
    /** {@code GET ?notification}: see {@link NotificationConfigurationXml#write}. */
    String notificationConfiguration(NotificationConfiguration configuration);

    /** Any error: see {@link ErrorXml#write}. */
    String error(String code, String message, Map<String, String> details, String requestId, String hostId);

    /** {@code GET /}: see {@link BucketXml#listBuckets}. */
    String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix, String continuationToken);

    /** {@code GET ?location}: see {@link BucketXml#location}. */
    String location(String region);

    /** The documents written element by element with Woodstox's StAX writer ({@link S3Xml}). */
    static S3Documents streaming() {
        return Streaming.INSTANCE;
    }

    /** {@link #streaming()}. */
    enum Streaming implements S3Documents {
        INSTANCE;

        @Override
        public String notificationConfiguration(NotificationConfiguration configuration) {
            return NotificationConfigurationXml.write(configuration);
        }

        @Override
        public String error(String code, String message, Map<String, String> details, String requestId, String hostId) {
            return ErrorXml.write(code, message, details, requestId, hostId);
        }

        @Override
        public String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix,
                String continuationToken) {
            return BucketXml.listBuckets(buckets, ownerId, withRegions, prefix, continuationToken);
        }

        @Override
        public String location(String region) {
            return BucketXml.location(region);
        }
    }
}
