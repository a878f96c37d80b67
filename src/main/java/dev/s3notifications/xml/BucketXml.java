package dev.s3notifications.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.S3Time;
import java.util.List;

/** The bucket-level documents other than the notification configuration. */
public final class BucketXml {
    private BucketXml() {
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html">ListBuckets</a>, in the element
     * order S3 answers with (Owner first, unlike the reference page's member list; measured 2026-09-29).
     */
    @JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
    @JsonPropertyOrder({"xmlns", "Owner", "Bucket", "Prefix", "ContinuationToken"}) // "Bucket": the wrapped list
    public record ListAllMyBucketsResult(
            @JacksonXmlProperty(isAttribute = true, localName = "xmlns") String xmlns,
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlElementWrapper(localName = "Buckets") @JacksonXmlProperty(localName = "Bucket") List<BucketEntry> buckets,
            @JacksonXmlProperty(localName = "Prefix") String prefix,
            @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken) { }

    @JsonPropertyOrder({"Name", "CreationDate", "BucketRegion", "BucketArn"})
    public record BucketEntry(
            @JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "CreationDate") String creationDate,
            @JacksonXmlProperty(localName = "BucketRegion") String bucketRegion,
            @JacksonXmlProperty(localName = "BucketArn") String bucketArn) { }

    public record Owner(@JacksonXmlProperty(localName = "ID") String id) { }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html">GetBucketLocation</a> */
    @JacksonXmlRootElement(localName = "LocationConstraint")
    public record LocationConstraint(
            @JacksonXmlProperty(isAttribute = true, localName = "xmlns") String xmlns,
            @JacksonXmlText String value) { }

    /** @param withRegions whether each bucket names its region, as S3 does once a paging parameter is sent */
    public static String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix,
            String continuationToken) {
        List<BucketEntry> entries = buckets.stream().map(b -> new BucketEntry(b.name(), S3Time.format(b.creationDate()),
                withRegions ? b.region() : null, b.arn())).toList();
        return S3Xml.write(new ListAllMyBucketsResult(S3Xml.NAMESPACE, new Owner(ownerId), entries, prefix, continuationToken));
    }

    /** S3 answers an empty constraint for us-east-1, the region of buckets created without one. */
    public static String location(String region) {
        return S3Xml.write(new LocationConstraint(S3Xml.NAMESPACE, "us-east-1".equals(region) ? null : region));
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
