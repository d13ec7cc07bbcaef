package dev.tcpip.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the markdown honest: every {@code ```java} block preceded by {@code <!-- snippet: NAME -->} must be
 * the region between {@code // tag::NAME[]} and {@code // end::NAME[]} in this module's test sources, which
 * run as tests: {@code src/test/java}, and {@code src/test/java21} (Java 21 syntax, compiled and run by a
 * JDK 21 or later only, but checked here on every JDK), and the getting-started project's
 * {@code getting-started/src/main/java}. Paths are relative to the module directory:
 * {@code ./*.md} and {@code ../README.md}.
 */
class DocsSnippetsTest {
    static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path TEST_SOURCES = MODULE.resolve("src/test/java");
    /** Examples in Java 21 syntax: see the java21-syntax-examples profile of this module's pom. */
    private static final Path JAVA21_TEST_SOURCES = MODULE.resolve("src/test/java21");
    /** The getting-started project's programs, shown whole on getting-started.md and run by GettingStartedTest. */
    static final Path GETTING_STARTED_SOURCES = MODULE.resolve("getting-started/src/main/java");
    private static final Pattern TAG = Pattern.compile("^\\s*//\\s*(tag|end)::([A-Za-z0-9_.-]+)\\[\\]\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*([A-Za-z0-9_.-]+)\\s*-->\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /**
     * Unmarked Java blocks are for one-line signatures and the like; anything longer must be a snippet, or a
     * page's imports block (checked by {@link DocsImportsTest}).
     */
    private static final int MAX_UNMARKED_LINES = 3;

    /** A fenced block in a markdown file. */
    record Block(Path file, int line, String language, String marker, List<String> body) {
        String where() {
            Path shown = file.startsWith(MODULE.getParent()) ? MODULE.relativize(file).normalize() : file;
            return shown + ":" + line;
        }
    }

    static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> here = Files.list(MODULE)) {
            here.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path readme = MODULE.resolve("../README.md").normalize();
        if (Files.exists(readme)) {
            files.add(readme);
        }
        return files;
    }

    static List<Block> blocks(Path file) {
        List<String> lines = read(file);
        List<Block> blocks = new ArrayList<>();
        String marker = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = MARKER.matcher(line);
            if (m.matches()) {
                marker = m.group(1);
                continue;
            }
            String trimmed = line.trim();
            if (trimmed.startsWith("```")) {
                String language = trimmed.substring(3).trim();
                int start = i + 1;
                List<String> body = new ArrayList<>();
                i++;
                while (i < lines.size() && !lines.get(i).trim().equals("```")) {
                    body.add(stripTrailing(lines.get(i)));
                    i++;
                }
                if (i == lines.size()) {
                    fail(file + ":" + start + ": unclosed code fence");
                }
                blocks.add(new Block(file, start, language, marker, trimBlankEnds(body)));
                marker = null;
            } else if (!trimmed.isEmpty() && marker != null) {
                fail(file + ": <!-- snippet: " + marker + " --> must be followed by a ```java block, found: " + line);
            }
        }
        if (marker != null) {
            fail(file + ": <!-- snippet: " + marker + " --> at the end of the file, with no block");
        }
        return blocks;
    }

    /** Every tagged region of the test sources, by name, dedented and right-trimmed. */
    static Map<String, List<String>> regions() {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        Map<String, String> definedIn = new LinkedHashMap<>();
        List<Path> sources = new ArrayList<>(javaFiles(TEST_SOURCES));
        if (Files.isDirectory(JAVA21_TEST_SOURCES)) {
            sources.addAll(javaFiles(JAVA21_TEST_SOURCES));
        }
        sources.addAll(javaFiles(GETTING_STARTED_SOURCES));
        for (Path source : sources) {
            List<String> lines = read(source);
            Map<String, List<String>> open = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = TAG.matcher(lines.get(i));
                if (m.matches()) {
                    String name = m.group(2);
                    String where = MODULE.relativize(source) + ":" + (i + 1);
                    if (m.group(1).equals("tag")) {
                        if (definedIn.containsKey(name)) {
                            fail("tag " + name + " defined twice: " + definedIn.get(name) + " and " + where);
                        }
                        definedIn.put(name, where);
                        open.put(name, new ArrayList<>());
                    } else {
                        List<String> body = open.remove(name);
                        if (body == null) {
                            fail(where + ": end::" + name + "[] without tag::" + name + "[]");
                        }
                        regions.put(name, dedent(trimBlankEnds(body)));
                    }
                    continue;
                }
                for (List<String> body : open.values()) {
                    body.add(stripTrailing(lines.get(i)));
                }
            }
            if (!open.isEmpty()) {
                fail(source + ": tags never ended: " + open.keySet());
            }
        }
        return regions;
    }

    static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everySnippetMatchesItsTaggedRegion() {
        Map<String, List<String>> regions = regions();
        List<Block> snippets = markdownFiles().stream()
            .flatMap(f -> blocks(f).stream())
            .filter(b -> b.marker() != null)
            .collect(Collectors.toList());
        assertFalse(snippets.isEmpty(), "no snippets found in " + markdownFiles());
        return snippets.stream().map(block -> DynamicTest.dynamicTest(block.marker() + " at " + block.where(),
            () -> check(block, regions)));
    }

    /** Fails unless the block is a Java block whose body is its tagged region. */
    static void check(Block block, Map<String, List<String>> regions) {
        assertEquals("java", block.language(), block.where() + ": a snippet must be a ```java block");
        List<String> region = regions.get(block.marker());
        if (region == null) {
            fail(block.where() + ": no tag::" + block.marker() + "[] in " + MODULE.relativize(TEST_SOURCES) + " or "
                + MODULE.relativize(JAVA21_TEST_SOURCES));
        }
        assertEquals(String.join("\n", region), String.join("\n", block.body()),
            block.where() + ": snippet " + block.marker() + " differs from its tagged region");
    }

    @Test
    void theCheckItselfCatchesDriftAndUnknownTags(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("page.md");
        Files.writeString(page, String.join("\n",
            "Text.",
            "<!-- snippet: known -->",
            "```java",
            "int a = 1;   ",
            "    a++;",
            "```",
            "<!-- snippet: unknown -->",
            "```java",
            "int b;",
            "```",
            ""));
        List<Block> blocks = blocks(page);
        assertEquals(2, blocks.size());
        List<String> region = dedent(List.of("        int a = 1;", "            a++;"));
        check(blocks.get(0), Map.of("known", region));
        assertThrows(AssertionError.class, () -> check(blocks.get(0), Map.of("known", List.of("int a = 2;", "    a++;"))));
        assertThrows(AssertionError.class, () -> check(blocks.get(1), Map.of("known", region)));
        Files.writeString(page, "<!-- snippet: known -->\nsome text\n");
        assertThrows(AssertionError.class, () -> blocks(page), "a marker must be followed by a code block");
    }

    @Test
    void everyTaggedRegionIsShownSomewhere() {
        Set<String> used = markdownFiles().stream()
            .flatMap(f -> blocks(f).stream())
            .map(Block::marker)
            .filter(m -> m != null)
            .collect(Collectors.toSet());
        Set<String> unused = new TreeSet<>(regions().keySet());
        unused.removeAll(used);
        assertTrue(unused.isEmpty(), "tagged regions shown in no page: " + unused);
    }

    @Test
    void unmarkedJavaBlocksAreShortFragments() {
        List<String> tooLong = markdownFiles().stream()
            .flatMap(f -> blocks(f).stream())
            .filter(b -> b.marker() == null && b.language().equals("java") && b.body().size() > MAX_UNMARKED_LINES)
            .filter(b -> !DocsImportsTest.isImportsBlock(b))
            .map(Block::where)
            .collect(Collectors.toList());
        assertTrue(tooLong.isEmpty(), "Java blocks of more than " + MAX_UNMARKED_LINES
            + " lines must be snippets (<!-- snippet: NAME -->): " + tooLong);
    }

    @Test
    void relativeLinksPointToExistingFilesAndHeadings() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            List<String> lines = read(file);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("```")) {
                    inFence = !inFence;
                }
                if (inFence) {
                    continue;
                }
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue;
                    }
                    String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                    String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    String where = MODULE.relativize(file).normalize() + ":" + (i + 1) + ": " + target;
                    if (!Files.exists(resolved)) {
                        broken.add(where + " (no such file)");
                    } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    /** GitHub-style heading anchors of a markdown file. */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean inFence = false;
        for (String line : read(file)) {
            if (line.trim().startsWith("```")) {
                inFence = !inFence;
            }
            if (!inFence && line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").trim();
                anchors.add(title.toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
            }
        }
        return anchors;
    }

    static List<String> dedent(List<String> lines) {
        int common = lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
        return lines.stream()
            .map(l -> l.isBlank() ? "" : l.substring(common))
            .collect(Collectors.toList());
    }

    static List<String> trimBlankEnds(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return new ArrayList<>(lines.subList(from, to));
    }

    static String stripTrailing(String line) {
        return line.stripTrailing();
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
