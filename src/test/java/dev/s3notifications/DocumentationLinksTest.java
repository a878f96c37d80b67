package dev.s3notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages in docs/ link only to files and sections that exist, and the README links every page:
 * a page moved or a heading renamed fails here, not in a reader's browser. Sections are GitHub's heading anchors.
 */
class DocumentationLinksTest {
    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    /** {@code [text](target)}, the target without spaces; images too. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("^\\s*```");

    @Test
    void everyLinkPointsToAFileAndSectionThatExist() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:: outside the repository
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such section)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeLinksEveryPageInDocs() {
        Set<Path> linked = new HashSet<>();
        for (String target : links(README)) {
            if (!target.matches("^[a-z]+:.*")) {
                linked.add(Path.of(target.replaceFirst("#.*", "")).normalize());
            }
        }
        List<Path> pages = pages().stream().filter(p -> p.startsWith(DOCS)).filter(p -> !linked.contains(p)).toList();
        assertThat(pages).as("pages in docs/ the README does not link").isEmpty();
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(slugs(List.of("## Does the configuration match? `scripts/notifications explain`", "## 4b. HTTP PUT+GET",
                "## A", "## A"))).containsExactly("does-the-configuration-match-scriptsnotifications-explain",
                "4b-http-putget", "a", "a-1");
    }

    private static List<Path> pages() {
        try (Stream<Path> docs = Files.list(DOCS)) {
            List<Path> pages = new ArrayList<>(List.of(README));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The link targets of a page, outside fenced code blocks. */
    private static List<String> links(Path page) {
        List<String> targets = new ArrayList<>();
        boolean inCode = false;
        for (String line : read(page)) {
            if (FENCE.matcher(line).find()) {
                inCode = !inCode;
            } else if (!inCode) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a Markdown file's headings; none for other files. */
    private static Set<String> anchors(Path file) {
        if (!file.toString().endsWith(".md")) {
            return Set.of();
        }
        List<String> headings = new ArrayList<>();
        boolean inCode = false;
        for (String line : read(file)) {
            if (FENCE.matcher(line).find()) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("#")) {
                headings.add(line);
            }
        }
        return new HashSet<>(slugs(headings));
    }

    /**
     * GitHub's heading anchors: lower case, punctuation other than hyphens and underscores dropped, spaces turned into
     * hyphens, and a repeated anchor numbered from 1.
     */
    private static List<String> slugs(List<String> headings) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> slugs = new ArrayList<>();
        for (String heading : headings) {
            String slug = heading.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int count = seen.merge(slug, 1, Integer::sum);
            slugs.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return slugs;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
