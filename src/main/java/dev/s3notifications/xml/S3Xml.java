package dev.s3notifications.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The one place that reads and writes S3 XML, both through Woodstox's StAX reader and writer. Reading is hardened:
 * no DTD (so no entity expansion, internal or external), bounded depth, element count and text size. Writing is
 * element by element, without data binding: a Jackson {@code XmlMapper}'s set-up and serializers cost a cold JVM
 * about 150 ms before its first document, the writer about 10 (docs/benchmarks.md).
 */
public final class S3Xml {
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** Deeper than any S3 request document (NotificationConfiguration/…/FilterRule/Value is 6). */
    static final int MAX_DEPTH = 16;
    static final int MAX_ELEMENTS = 100_000;
    static final int MAX_TEXT_LENGTH = 1 << 20;

    private static final XMLInputFactory INPUT = hardenedInputFactory();
    private static final XMLOutputFactory OUTPUT = new WstxOutputFactory();

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

    /** What writes a document's elements. */
    @FunctionalInterface
    interface Body {
        void writeTo(Writer xml) throws XMLStreamException;
    }

    /** The document {@code body} writes, after S3's declaration. */
    static String write(Body body) {
        StringWriter text = new StringWriter(512).append(DECLARATION);
        try {
            XMLStreamWriter out = OUTPUT.createXMLStreamWriter(text);
            body.writeTo(new Writer(out));
            out.close(); // flushes; the text stays open
        } catch (XMLStreamException e) { // into memory, from our own values: only a bug gets here
            throw new IllegalStateException("cannot write an XML document", e);
        }
        return text.toString();
    }

    /** Elements and text, escaped by Woodstox; an element whose content is {@code null} is left out. */
    static final class Writer {
        private final XMLStreamWriter out;

        private Writer(XMLStreamWriter out) {
            this.out = out;
        }

        /** The root element, in S3's namespace. */
        Writer root(String name) throws XMLStreamException {
            out.writeStartElement(name);
            out.writeDefaultNamespace(NAMESPACE);
            return this;
        }

        Writer start(String name) throws XMLStreamException {
            out.writeStartElement(name);
            return this;
        }

        Writer end() throws XMLStreamException {
            out.writeEndElement();
            return this;
        }

        Writer text(String text) throws XMLStreamException {
            out.writeCharacters(text);
            return this;
        }

        /** {@code <name>text</name>}, or nothing when {@code text} is null; an empty text gives {@code <name></name>}. */
        Writer element(String name, String text) throws XMLStreamException {
            return text == null ? this : start(name).text(text).end();
        }
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
}
