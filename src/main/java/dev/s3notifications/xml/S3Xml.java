package dev.s3notifications.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one place that reads and writes S3 XML. Reading is hardened: no DTD (so no entity expansion, internal or
 * external), bounded depth, element count and text size. Writing goes through one Jackson {@link XmlMapper}.
 */
public final class S3Xml {
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** Deeper than any S3 request document (NotificationConfiguration/…/FilterRule/Value is 6). */
    static final int MAX_DEPTH = 16;
    static final int MAX_ELEMENTS = 100_000;
    static final int MAX_TEXT_LENGTH = 1 << 20;

    private static final XMLInputFactory INPUT = hardenedInputFactory();
    private static final XmlMapper MAPPER = writer();

    private S3Xml() {
    }

    /** Parses {@code body} into its root element, refusing anything that is not plain, well-formed XML. */
    public static XmlElement parse(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            return readDocument(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof MalformedXmlException malformed) {
                throw malformed;
            }
            // Woodstox reports malformed input (bad encoding, limits, undeclared entities) as exceptions of its own.
            throw new MalformedXmlException("not well-formed: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release: the input is an in-memory array
                }
            }
        }
    }

    /** The XML text of a wire record, with S3's declaration. */
    public static String write(Object wireRecord) {
        try {
            return DECLARATION + MAPPER.writeValueAsString(wireRecord);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + wireRecord.getClass().getSimpleName(), e);
        }
    }

    static XmlMapper mapper() {
        return MAPPER;
    }

    private static XmlElement readDocument(XMLStreamReader reader) throws XMLStreamException {
        Deque<ElementBuilder> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                // A DOCTYPE is the only way to declare entities; S3 documents never need one.
                case XMLStreamConstants.DTD -> throw new MalformedXmlException("DOCTYPE is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    String ns = reader.getNamespaceURI();
                    open.push(new ElementBuilder(reader.getLocalName(), ns == null ? "" : ns));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement element = open.pop().build();
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children.add(element);
                    }
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
        if (root == null) {
            throw new MalformedXmlException("no root element");
        }
        return root;
    }

    private static final class ElementBuilder {
        final String name;
        final String namespace;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        ElementBuilder(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        XmlElement build() {
            String content = text.toString();
            if (!children.isEmpty() && !content.isBlank()) {
                throw new MalformedXmlException("<" + name + "> mixes text and elements");
            }
            return new XmlElement(name, namespace, content, children);
        }
    }

    private static XMLInputFactory hardenedInputFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) MAX_ELEMENTS);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 32);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 4096);
        return factory;
    }

    private static XmlMapper writer() {
        WstxOutputFactory output = new WstxOutputFactory();
        output.setProperty(WstxOutputProperties.P_USE_DOUBLE_QUOTES_IN_XML_DECL, true);
        XmlMapper mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(hardenedInputFactory())
                .xmlOutputFactory(output).build());
        // Null means "absent"; an empty string (a filter rule's empty Value) must still be written.
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS); // <EventBridgeConfiguration/> has no members
        return mapper;
    }
}
