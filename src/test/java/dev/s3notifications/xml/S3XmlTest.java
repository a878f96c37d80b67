package dev.s3notifications.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.NotificationConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3XmlTest {

    private static NotificationConfiguration read(String xml) {
        return NotificationConfigurationXml.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEscapesCdataCommentsAndPrefixedNamespaces() {
        NotificationConfiguration c = read("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- a comment -->"
                + "<s3:NotificationConfiguration xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\"><s3:TopicConfiguration>"
                + "<s3:Id>a&amp;b</s3:Id><s3:Topic><![CDATA[arn:aws:sns:us-east-1:123456789012:t]]></s3:Topic>"
                + "<s3:Event>s3:ObjectCreated:*</s3:Event><s3:Filter><s3:S3Key><s3:FilterRule><s3:Name>prefix</s3:Name>"
                + "<s3:Value>&lt;&#x41;&gt; b</s3:Value></s3:FilterRule></s3:S3Key></s3:Filter></s3:TopicConfiguration>"
                + "</s3:NotificationConfiguration>");

        var topic = c.destinations().get(0);
        assertThat(topic.type()).isEqualTo(DestinationType.TOPIC);
        assertThat(topic.id()).isEqualTo("a&b");
        assertThat(topic.arn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:t");
        assertThat(topic.filterRules().get(0).value()).isEqualTo("<A> b");
    }

    @Test
    void groupsInterleavedConfigurationsByTypeKeepingTheirOrder() {
        NotificationConfiguration c = read("<NotificationConfiguration>"
                + "<QueueConfiguration><Id>q1</Id><Queue>q</Queue><Event>e</Event></QueueConfiguration>"
                + "<TopicConfiguration><Id>t1</Id><Topic>t</Topic><Event>e</Event></TopicConfiguration>"
                + "<QueueConfiguration><Id>q2</Id><Queue>q</Queue><Event>e</Event></QueueConfiguration>"
                + "<TopicConfiguration><Id>t2</Id><Topic>t</Topic><Event>e</Event></TopicConfiguration>"
                + "</NotificationConfiguration>");
        assertThat(c.destinations()).extracting(d -> d.id()).containsExactly("t1", "t2", "q1", "q2");
    }

    @Test
    void valuesAreKeptAsSentWhitespaceIncluded() {
        NotificationConfiguration c = read("<NotificationConfiguration><TopicConfiguration><Topic> t </Topic>"
                + "<Event>e</Event><Filter><S3Key><FilterRule><Name>suffix</Name><Value> .jpg</Value></FilterRule></S3Key></Filter>"
                + "</TopicConfiguration></NotificationConfiguration>");
        assertThat(c.destinations().get(0).arn()).isEqualTo(" t ");
        assertThat(c.destinations().get(0).filterRules().get(0).value()).isEqualTo(" .jpg");
    }

    @Test
    void refusesHugeNumbersOfElements() {
        String many = "<NotificationConfiguration>" + "<EventBridgeConfiguration/>".repeat(S3Xml.MAX_ELEMENTS + 1)
                + "</NotificationConfiguration>";
        assertThatThrownBy(() -> read(many)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void refusesDocumentsWithTwoRoots() {
        assertThatThrownBy(() -> read("<NotificationConfiguration/><NotificationConfiguration/>"))
                .isInstanceOf(MalformedXmlException.class);
    }
}
