package dev.s3notifications.testing;

import dev.s3notifications.api.S3Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The elements of an S3 {@code <Error>} document, in order, read with the JDK's own DOM parser. */
public record S3ErrorDocument(int status, Map<String, String> elements) {

    public static S3ErrorDocument of(S3Response response) {
        return parse(response.status(), response.body());
    }

    public static S3ErrorDocument parse(int status, String xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            if (!root.getTagName().equals("Error")) {
                throw new AssertionError("not an S3 error document: " + xml);
            }
            Map<String, String> elements = new LinkedHashMap<>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    elements.put(element.getTagName(), element.getTextContent());
                }
            }
            return new S3ErrorDocument(status, elements);
        } catch (Exception e) {
            throw new AssertionError("unparsable error document: " + xml, e);
        }
    }

    public String code() {
        return elements.get("Code");
    }

    public String message() {
        return elements.get("Message");
    }

    /** The elements S3 adds for this error, between Message and RequestId. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>(elements);
        details.keySet().removeAll(java.util.List.of("Code", "Message", "RequestId", "HostId"));
        return details;
    }
}
