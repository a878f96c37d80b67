package dev.s3notifications.xml;

import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import dev.s3notifications.message.S3Time;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.NotificationConfiguration;
import dev.s3notifications.store.Bucket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's documents written by Jackson's {@link XmlMapper} from annotated wire records, the way the project wrote
 * them until the StAX writer replaced it: the oracle {@code S3DocumentsTest} compares {@link S3Documents} with, and
 * the XML writing of the cold-start benchmark's baseline ("a default XmlMapper"), whose task root has a class named
 * {@code S3Documents} that writes with this one (src/test/baseline).
 */
public final class JacksonS3Documents {
    /** Built on first use, as a static mapper is: the baseline's first request builds it (see BaselineApiHandler). */
    private static final class Holder {
        static final XmlMapper MAPPER = build();

        private static XmlMapper build() {
            WstxOutputFactory output = new WstxOutputFactory();
            output.setProperty(WstxOutputProperties.P_USE_DOUBLE_QUOTES_IN_XML_DECL, true);
            XmlMapper mapper = new XmlMapper(XmlFactory.builder().xmlOutputFactory(output).build());
            // Null means "absent"; an empty string (a filter rule's empty Value) must still be written.
            mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
            mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS); // <EventBridgeConfiguration/> has no members
            return mapper;
        }
    }

    /** The mapper, built by the first call. */
    public static XmlMapper mapper() {
        return Holder.MAPPER;
    }

    @JacksonXmlRootElement(localName = "NotificationConfiguration")
    @JsonPropertyOrder({"xmlns", "TopicConfiguration", "QueueConfiguration", "CloudFunctionConfiguration",
            "EventBridgeConfiguration"})
    record NotificationConfigurationXml(
            @JacksonXmlProperty(isAttribute = true, localName = "xmlns") String xmlns,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "TopicConfiguration")
            List<DestinationXml> topicConfigurations,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "QueueConfiguration")
            List<DestinationXml> queueConfigurations,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CloudFunctionConfiguration")
            List<DestinationXml> cloudFunctionConfigurations,
            @JacksonXmlProperty(localName = "EventBridgeConfiguration") EventBridgeXml eventBridgeConfiguration) { }

    @JsonPropertyOrder({"Id", "Topic", "Queue", "CloudFunction", "InvocationRole", "Event", "Filter"})
    record DestinationXml(
            @JacksonXmlProperty(localName = "Id") String id,
            @JacksonXmlProperty(localName = "Topic") String topic,
            @JacksonXmlProperty(localName = "Queue") String queue,
            @JacksonXmlProperty(localName = "CloudFunction") String cloudFunction,
            @JacksonXmlProperty(localName = "InvocationRole") String invocationRole,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Event") List<String> events,
            @JacksonXmlProperty(localName = "Filter") FilterXml filter) { }

    record FilterXml(@JacksonXmlProperty(localName = "S3Key") S3KeyXml s3Key) { }

    record S3KeyXml(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "FilterRule")
            List<FilterRuleXml> filterRules) { }

    @JsonPropertyOrder({"Name", "Value"})
    record FilterRuleXml(
            @JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "Value") String value) { }

    record EventBridgeXml() { }

    @JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
    @JsonPropertyOrder({"xmlns", "Owner", "Bucket", "Prefix", "ContinuationToken"}) // "Bucket": the wrapped list
    record ListAllMyBucketsResult(
            @JacksonXmlProperty(isAttribute = true, localName = "xmlns") String xmlns,
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlElementWrapper(localName = "Buckets") @JacksonXmlProperty(localName = "Bucket") List<BucketEntry> buckets,
            @JacksonXmlProperty(localName = "Prefix") String prefix,
            @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken) { }

    @JsonPropertyOrder({"Name", "CreationDate", "BucketRegion", "BucketArn"})
    record BucketEntry(
            @JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "CreationDate") String creationDate,
            @JacksonXmlProperty(localName = "BucketRegion") String bucketRegion,
            @JacksonXmlProperty(localName = "BucketArn") String bucketArn) { }

    record Owner(@JacksonXmlProperty(localName = "ID") String id) { }

    @JacksonXmlRootElement(localName = "LocationConstraint")
    record LocationConstraint(
            @JacksonXmlProperty(isAttribute = true, localName = "xmlns") String xmlns,
            @JacksonXmlText String value) { }

    public String notificationConfiguration(NotificationConfiguration configuration) {
        Map<DestinationType, List<DestinationXml>> byType = new EnumMap<>(DestinationType.class);
        for (DestinationConfiguration d : configuration.destinations()) {
            FilterXml filter = !d.hasFilter() ? null : new FilterXml(new S3KeyXml(
                    d.filterRules().stream().map(r -> new FilterRuleXml(r.name(), r.value())).toList()));
            byType.computeIfAbsent(d.type(), t -> new ArrayList<>()).add(new DestinationXml(d.id(),
                    d.type() == DestinationType.TOPIC ? d.arn() : null,
                    d.type() == DestinationType.QUEUE ? d.arn() : null,
                    d.type() == DestinationType.FUNCTION ? d.arn() : null,
                    d.invocationRole(), d.events(), filter));
        }
        return write(new NotificationConfigurationXml(S3Xml.NAMESPACE, byType.get(DestinationType.TOPIC),
                byType.get(DestinationType.QUEUE), byType.get(DestinationType.FUNCTION),
                configuration.eventBridgeEnabled() ? new EventBridgeXml() : null));
    }

    public String error(String code, String message, Map<String, String> details, String requestId, String hostId) {
        Map<String, String> elements = new LinkedHashMap<>();
        elements.put("Code", code);
        elements.put("Message", message);
        elements.putAll(details);
        elements.put("RequestId", requestId);
        elements.put("HostId", hostId);
        try {
            return S3Xml.DECLARATION + mapper().writer().withRootName("Error").writeValueAsString(elements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error document", e);
        }
    }

    public String listBuckets(List<Bucket> buckets, String ownerId, boolean withRegions, String prefix, String continuationToken) {
        List<BucketEntry> entries = buckets.stream().map(b -> new BucketEntry(b.name(), S3Time.format(b.creationDate()),
                withRegions ? b.region() : null, b.arn())).toList();
        return write(new ListAllMyBucketsResult(S3Xml.NAMESPACE, new Owner(ownerId), entries, prefix, continuationToken));
    }

    public String location(String region) {
        return write(new LocationConstraint(S3Xml.NAMESPACE, "us-east-1".equals(region) ? null : region));
    }

    private String write(Object wireRecord) {
        try {
            return S3Xml.DECLARATION + mapper().writeValueAsString(wireRecord);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + wireRecord.getClass().getSimpleName(), e);
        }
    }
}
