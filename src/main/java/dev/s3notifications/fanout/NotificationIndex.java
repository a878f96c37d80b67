package dev.s3notifications.fanout;

import dev.s3notifications.message.ObjectKeys;
import dev.s3notifications.notification.DestinationConfiguration;
import dev.s3notifications.notification.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket's notification configurations arranged so that matching one event costs what the key's matching
 * prefixes and suffixes cost, not what the number of configurations costs. Built once per stored configuration
 * version and then only read, by any number of threads.
 *
 * <p>A radix trie holds the prefixes; the node where a prefix ends holds a second radix trie of the suffixes of
 * the configurations with that prefix, built over the reversed suffixes so it is walked from the key's end.
 * Every node knows the event types selected anywhere below it, so a walk stops as soon as nothing below can
 * match the event. Matching an event walks the prefix trie along the key and, at each node where prefixes end,
 * the suffix trie from the key's end: O(matched prefix length + matched suffix lengths + matches).
 *
 * <p>Filters are compared literally with the key as records carry it, URL-encoded ({@link ObjectKeys}): S3 asks
 * for special characters in filter values to be written that way, so a prefix {@code my+photos/} matches the
 * key {@code my photos/cat.jpg}, and a value with a raw space never matches anything.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html">Filtering</a>
 */
public final class NotificationIndex {
    private static final NotificationIndex EMPTY = new NotificationIndex(null, 0);
    private static final Comparator<Rule> IN_CONFIGURATION_ORDER = Comparator.comparingInt(Rule::order);

    private final PrefixNode root;
    private final int size;

    private NotificationIndex(PrefixNode root, int size) {
        this.root = root;
        this.size = size;
    }

    /** An index of {@code destinations}; a destination that selects no known event type is left out. */
    public static NotificationIndex of(List<DestinationConfiguration> destinations) {
        Builder<Builder<Rule>> prefixes = new Builder<>("");
        int size = 0;
        for (int i = 0; i < destinations.size(); i++) {
            DestinationConfiguration destination = destinations.get(i);
            long mask = destination.eventMask();
            if (mask == 0) {
                continue;
            }
            Builder<Builder<Rule>> prefixNode = prefixes.insert(destination.prefix());
            if (prefixNode.payload.isEmpty()) {
                prefixNode.payload.add(new Builder<>(""));
            }
            String reversedSuffix = new StringBuilder(destination.suffix()).reverse().toString();
            prefixNode.payload.get(0).insert(reversedSuffix).payload.add(new Rule(i, mask, destination));
            size++;
        }
        return size == 0 ? EMPTY : new NotificationIndex(PrefixNode.freeze(prefixes), size);
    }

    public static NotificationIndex empty() {
        return EMPTY;
    }

    /** The number of destinations in the index. */
    public int size() {
        return size;
    }

    /**
     * The destinations that select {@code type} and whose prefix and suffix {@code encodedKey} has, in
     * configuration order.
     *
     * @param encodedKey the key as {@link ObjectKeys#encode} writes it
     */
    public List<DestinationConfiguration> match(EventType type, String encodedKey) {
        if (root == null) {
            return List.of();
        }
        long bit = type.bit();
        List<Rule> matches = null;
        PrefixNode node = root;
        int at = 0;
        while ((node.mask & bit) != 0) {
            if (node.suffixes != null) {
                matches = matchSuffixes(node.suffixes, encodedKey, bit, matches);
            }
            if (at == encodedKey.length()) {
                break;
            }
            PrefixNode child = node.child(encodedKey.charAt(at));
            if (child == null || !encodedKey.startsWith(child.label, at)) {
                break;
            }
            at += child.label.length();
            node = child;
        }
        if (matches == null) {
            return List.of();
        }
        if (matches.size() == 1) {
            return List.of(matches.get(0).destination);
        }
        matches.sort(IN_CONFIGURATION_ORDER);
        List<DestinationConfiguration> result = new ArrayList<>(matches.size());
        for (Rule rule : matches) {
            result.add(rule.destination);
        }
        return result;
    }

    private static List<Rule> matchSuffixes(SuffixNode node, String key, long bit, List<Rule> matches) {
        int end = key.length();
        while ((node.mask & bit) != 0) {
            for (Rule rule : node.rules) {
                if ((rule.mask & bit) != 0) {
                    if (matches == null) {
                        matches = new ArrayList<>(2);
                    }
                    matches.add(rule);
                }
            }
            if (end == 0) {
                break;
            }
            SuffixNode child = node.child(key.charAt(end - 1));
            if (child == null) {
                break;
            }
            int start = end - child.label.length();
            if (start < 0 || !key.regionMatches(start, child.label, 0, child.label.length())) {
                break;
            }
            end = start;
            node = child;
        }
        return matches;
    }

    private record Rule(int order, long mask, DestinationConfiguration destination) {
    }

    /** A node of the prefix trie: the key continues with {@code label} from its parent. */
    private static final class PrefixNode {
        final String label;
        final char[] branches;
        final PrefixNode[] children;
        final SuffixNode suffixes;
        final long mask;

        private PrefixNode(String label, char[] branches, PrefixNode[] children, SuffixNode suffixes) {
            this.label = label;
            this.branches = branches;
            this.children = children;
            this.suffixes = suffixes;
            long m = suffixes == null ? 0 : suffixes.mask;
            for (PrefixNode child : children) {
                m |= child.mask;
            }
            this.mask = m;
        }

        static PrefixNode freeze(Builder<Builder<Rule>> builder) {
            PrefixNode[] children = new PrefixNode[builder.children.size()];
            char[] branches = new char[children.length];
            int i = 0;
            for (Map.Entry<Character, Builder<Builder<Rule>>> entry : builder.children.entrySet()) {
                branches[i] = entry.getKey();
                children[i++] = freeze(entry.getValue());
            }
            SuffixNode suffixes = builder.payload.isEmpty() ? null : SuffixNode.freeze(builder.payload.get(0));
            return new PrefixNode(builder.label, branches, children, suffixes);
        }

        PrefixNode child(char c) {
            int i = search(branches, c);
            return i < 0 ? null : children[i];
        }
    }

    /**
     * A node of a suffix trie: the key ends with {@code label} right before what its parent matched. Built over
     * reversed suffixes, so {@code branches} are the labels' last characters; labels are stored forwards.
     */
    private static final class SuffixNode {
        final String label;
        final char[] branches;
        final SuffixNode[] children;
        final Rule[] rules;
        final long mask;

        private SuffixNode(String label, char[] branches, SuffixNode[] children, Rule[] rules) {
            this.label = label;
            this.branches = branches;
            this.children = children;
            this.rules = rules;
            long m = 0;
            for (Rule rule : rules) {
                m |= rule.mask;
            }
            for (SuffixNode child : children) {
                m |= child.mask;
            }
            this.mask = m;
        }

        static SuffixNode freeze(Builder<Rule> builder) {
            SuffixNode[] children = new SuffixNode[builder.children.size()];
            char[] branches = new char[children.length];
            int i = 0;
            for (Map.Entry<Character, Builder<Rule>> entry : builder.children.entrySet()) {
                branches[i] = entry.getKey();
                children[i++] = freeze(entry.getValue());
            }
            String forwardLabel = new StringBuilder(builder.label).reverse().toString();
            return new SuffixNode(forwardLabel, branches, children, builder.payload.toArray(new Rule[0]));
        }

        SuffixNode child(char c) {
            int i = search(branches, c);
            return i < 0 ? null : children[i];
        }
    }

    private static int search(char[] sorted, char c) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            char m = sorted[middle];
            if (m < c) {
                low = middle + 1;
            } else if (m > c) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /** A radix-trie node while the index is being built; children by their label's first character. */
    private static final class Builder<P> {
        String label;
        final TreeMap<Character, Builder<P>> children = new TreeMap<>();
        final List<P> payload = new ArrayList<>(1);

        Builder(String label) {
            this.label = label;
        }

        /** The node that ends exactly at {@code text}, splitting edges as needed. */
        Builder<P> insert(String text) {
            Builder<P> node = this;
            int at = 0;
            while (at < text.length()) {
                Builder<P> child = node.children.get(text.charAt(at));
                if (child == null) {
                    Builder<P> leaf = new Builder<>(text.substring(at));
                    node.children.put(text.charAt(at), leaf);
                    return leaf;
                }
                int common = 0;
                int max = Math.min(child.label.length(), text.length() - at);
                while (common < max && child.label.charAt(common) == text.charAt(at + common)) {
                    common++;
                }
                if (common < child.label.length()) {
                    Builder<P> split = new Builder<>(child.label.substring(0, common));
                    child.label = child.label.substring(common);
                    split.children.put(child.label.charAt(0), child);
                    node.children.put(split.label.charAt(0), split);
                    child = split;
                }
                node = child;
                at += common;
            }
            return node;
        }
    }
}
