package dev.s3notifications.xml;

import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.DestinationType;
import dev.s3notifications.notification.FilterRule;
import dev.s3notifications.notification.NotificationConfiguration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * The {@code NotificationConfiguration} document, both the current shape and the legacy one (which is the same
 * on the wire, plus {@code InvocationRole}).
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html">API Reference</a>
 */
public final class NotificationConfigurationXml {
    private static final String ROOT = "NotificationConfiguration";

    private NotificationConfigurationXml() {
    }

    /**
     * The document S3 returns for {@code configuration}: destinations grouped by type (topics, queues, functions),
     * in the order they were put, then {@code <EventBridgeConfiguration/>} when events also go to EventBridge.
     */
    public static String write(NotificationConfiguration configuration) {
        return S3Xml.write(xml -> {
            xml.root(ROOT);
            for (DestinationType type : DestinationType.values()) {
                for (DestinationConfiguration d : configuration.destinations()) {
                    if (d.type() == type) {
                        writeDestination(xml, d);
                    }
                }
            }
            if (configuration.eventBridgeEnabled()) {
                xml.start("EventBridgeConfiguration").end();
            }
            xml.end();
        });
    }

    private static void writeDestination(S3Xml.Writer xml, DestinationConfiguration d) throws XMLStreamException {
        xml.start(d.type().elementName()).element("Id", d.id()).element(d.type().arnElementName(), d.arn())
                .element("InvocationRole", d.invocationRole());
        for (String event : d.events()) {
            xml.element("Event", event);
        }
        if (d.hasFilter()) {
            xml.start("Filter").start("S3Key");
            for (FilterRule rule : d.filterRules()) {
                xml.start("FilterRule").element("Name", rule.name()).element("Value", rule.value()).end();
            }
            xml.end().end();
        }
        xml.end();
    }

    /**
     * The configuration in a PUT body, checked against S3's schema only (the rules come later, in the validator).
     * The root must be {@code NotificationConfiguration}, with S3's namespace or none.
     */
    public static NotificationConfiguration read(byte[] body) {
        XmlElement root = S3Xml.parse(body);
        if (!root.name().equals(ROOT) || !(root.namespace().isEmpty() || root.namespace().equals(S3Xml.NAMESPACE))) {
            throw new MalformedXmlException("root element is {" + root.namespace() + "}" + root.name());
        }
        root.requireNoText();
        // S3 returns destinations grouped by type; within a type the order of the request is kept.
        Map<DestinationType, List<DestinationConfiguration>> byType = new EnumMap<>(DestinationType.class);
        boolean eventBridge = false;
        for (XmlElement child : root.children()) {
            DestinationType type = destinationType(child.name());
            if (type != null) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(readDestination(type, child));
            } else if (child.name().equals("EventBridgeConfiguration") && !eventBridge) {
                child.requireEmpty();
                eventBridge = true;
            } else {
                throw XmlElement.unexpected(root, child);
            }
        }
        List<DestinationConfiguration> destinations = new ArrayList<>();
        byType.values().forEach(destinations::addAll);
        return new NotificationConfiguration(destinations, eventBridge);
    }

    private static DestinationType destinationType(String elementName) {
        for (DestinationType type : DestinationType.values()) {
            if (type.elementName().equals(elementName)) {
                return type;
            }
        }
        return null;
    }

    private static DestinationConfiguration readDestination(DestinationType type, XmlElement element) {
        element.requireNoText();
        String id = null;
        String arn = null;
        String invocationRole = null;
        List<String> events = new ArrayList<>();
        List<FilterRule> filterRules = null;
        for (XmlElement child : element.children()) {
            String name = child.name();
            if (name.equals("Id") && id == null) {
                id = child.requireText();
            } else if (name.equals(type.arnElementName()) && arn == null) {
                arn = child.requireText();
            } else if (name.equals("Event")) {
                events.add(child.requireText());
            } else if (name.equals("Filter") && filterRules == null) {
                filterRules = readFilter(child);
            } else if (name.equals("InvocationRole") && type == DestinationType.FUNCTION && invocationRole == null) {
                invocationRole = child.requireText();
            } else {
                throw XmlElement.unexpected(element, child);
            }
        }
        if (arn == null || events.isEmpty()) {
            throw new MalformedXmlException("<" + element.name() + "> needs <" + type.arnElementName() + "> and <Event>");
        }
        // An empty <Id/> asks for no particular Id, like an absent one.
        return new DestinationConfiguration(type, id == null || id.isEmpty() ? null : id, arn, events, filterRules,
                invocationRole);
    }

    private static List<FilterRule> readFilter(XmlElement filter) {
        filter.requireNoText();
        if (filter.children().size() != 1 || !filter.children().get(0).name().equals("S3Key")) {
            throw new MalformedXmlException("<Filter> needs exactly one <S3Key>");
        }
        XmlElement s3Key = filter.children().get(0);
        s3Key.requireNoText();
        List<FilterRule> rules = new ArrayList<>();
        for (XmlElement rule : s3Key.children()) {
            if (!rule.name().equals("FilterRule")) {
                throw XmlElement.unexpected(s3Key, rule);
            }
            rules.add(readFilterRule(rule));
        }
        if (rules.isEmpty()) {
            throw new MalformedXmlException("<S3Key> needs at least one <FilterRule>");
        }
        return rules;
    }

    private static FilterRule readFilterRule(XmlElement rule) {
        rule.requireNoText();
        String name = null;
        String value = null;
        for (XmlElement child : rule.children()) {
            if (child.name().equals("Name") && name == null) {
                name = child.requireText();
            } else if (child.name().equals("Value") && value == null) {
                value = child.requireText();
            } else {
                throw XmlElement.unexpected(rule, child);
            }
        }
        if (name == null || value == null) {
            throw new MalformedXmlException("<FilterRule> needs <Name> and <Value>");
        }
        return new FilterRule(name, value);
    }
}
