package dev.s3notifications.xml;

import java.util.List;

/**
 * One element of a request document: a name, and either text or child elements, never both. Mapping an S3
 * document from these is strict where Jackson's databind is lenient (a repeated single element, an element
 * where text belongs, a missing required element are all errors here).
 */
public record XmlElement(String name, String namespace, String text, List<XmlElement> children) {

    public XmlElement {
        children = List.copyOf(children);
    }

    /** This element's text; a schema error if it holds elements instead. */
    public String requireText() {
        if (!children.isEmpty()) {
            throw new MalformedXmlException("<" + name + "> must hold text, not <" + children.get(0).name() + ">");
        }
        return text;
    }

    /** A schema error if this element holds anything but whitespace. */
    public void requireEmpty() {
        if (!children.isEmpty() || !text.isBlank()) {
            throw new MalformedXmlException("<" + name + "> must be empty");
        }
    }

    /** A schema error if this element holds text. */
    public void requireNoText() {
        if (!text.isBlank()) {
            throw new MalformedXmlException("<" + name + "> must hold elements, not text");
        }
    }

    public static MalformedXmlException unexpected(XmlElement parent, XmlElement child) {
        return new MalformedXmlException("unexpected <" + child.name() + "> in <" + parent.name() + ">");
    }
}
