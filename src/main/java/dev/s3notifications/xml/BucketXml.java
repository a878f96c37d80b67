package dev.s3notifications.xml;

import dev.s3notifications.message.S3Time;
import dev.s3notifications.store.Bucket;
import java.util.List;

/** The bucket-level documents other than the notification configuration. */
public final class BucketXml {
    private BucketXml() {
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html">ListBuckets</a>, in the element
     * order S3 answers with (Owner first, unlike the reference page's member list; measured 2026-09-29).
     *
     * @param withRegions whether each bucket names its region, as S3 does once a paging parameter is sent
     */
    public static String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix,
            String continuationToken) {
        return S3Xml.write(xml -> {
            xml.root("ListAllMyBucketsResult").start("Owner").element("ID", ownerId).end().start("Buckets");
            for (Bucket bucket : buckets) {
                xml.start("Bucket").element("Name", bucket.name()).element("CreationDate", S3Time.format(bucket.creationDate()))
                        .element("BucketRegion", withRegions ? bucket.region() : null).element("BucketArn", bucket.arn())
                        .end();
            }
            xml.end().element("Prefix", prefix).element("ContinuationToken", continuationToken).end();
        });
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html">GetBucketLocation</a>:
     * S3 answers an empty constraint for us-east-1, the region of buckets created without one.
     */
    public static String location(String region) {
        return S3Xml.write(xml -> {
            xml.root("LocationConstraint");
            if (region != null && !"us-east-1".equals(region)) {
                xml.text(region);
            }
            xml.end();
        });
    }

    /**
     * The {@code LocationConstraint} of a CreateBucket body, or null when the body names none.
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketConfiguration.html">CreateBucketConfiguration</a>
     */
    public static String readLocationConstraint(byte[] body) {
        XmlElement root = S3Xml.parse(body);
        if (!root.name().equals("CreateBucketConfiguration")
                || !(root.namespace().isEmpty() || root.namespace().equals(S3Xml.NAMESPACE))) {
            throw new MalformedXmlException("root element is {" + root.namespace() + "}" + root.name());
        }
        root.requireNoText();
        String constraint = null;
        for (XmlElement child : root.children()) {
            if (!child.name().equals("LocationConstraint") || constraint != null) {
                throw XmlElement.unexpected(root, child);
            }
            constraint = child.requireText();
        }
        return constraint == null || constraint.isEmpty() ? null : constraint;
    }
}
