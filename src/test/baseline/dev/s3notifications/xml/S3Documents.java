package dev.s3notifications.xml;

import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import java.util.List;
import java.util.Map;

/**
 * The cold-start benchmark's baseline in place of the function's {@code S3Documents}: the same documents, written by
 * Jackson's {@code XmlMapper} from annotated wire records ({@link JacksonS3Documents}), as docs/benchmarks.md defines
 * the baseline ("a default XmlMapper"). scripts/benchmark-cold-start puts this class over the function's
 * own in the baseline's task root only; the tests and the zip never see it. {@code BaselineClassesTest} checks that
 * it has the same methods as the class it replaces.
 */
public final class S3Documents {
    private static final JacksonS3Documents JACKSON = new JacksonS3Documents();

    private S3Documents() {
    }

    public static String notificationConfiguration(NotificationConfiguration configuration) {
        return JACKSON.notificationConfiguration(configuration);
    }

    public static String error(String code, String message, Map<String, String> details, String requestId, String hostId) {
        return JACKSON.error(code, message, details, requestId, hostId);
    }

    public static String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix,
            String continuationToken) {
        return JACKSON.listBuckets(buckets, ownerId, withRegions, prefix, continuationToken);
    }

    public static String location(String region) {
        return JACKSON.location(region);
    }
}
