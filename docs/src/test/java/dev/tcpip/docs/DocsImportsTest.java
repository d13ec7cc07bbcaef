package dev.tcpip.docs;

import dev.tcpip.docs.DocsSnippetsTest.Block;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the imports shown in the guide complete and true, so that a reader can copy an example into a file
 * of their own and compile it. Every page (and the README) with a Java snippet has one {@code ```java} block
 * made only of import lines: the imports block (a page whose snippets are all whole files, imports included,
 * needs none). For each page:
 * <ul>
 *   <li>every import in the block names a class (or a static member) that exists on the classpath;</li>
 *   <li>every import that the test source of a snippet needs for that snippet's text is in the block, so
 *       the page names the package of each class it uses;</li>
 *   <li>nothing in the block is unused by the page's snippets;</li>
 *   <li>no snippet uses a helper of this module's tests (the {@code dev.tcpip.docs} package) that the guide
 *       never shows: the reader could not have it.</li>
 * </ul>
 */
class DocsImportsTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([A-Za-z_][\\w.]*)\\s*;\\s*$");
    private static final Pattern DECLARATION =
        Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Z]\\w*)|\\b(?:static\\s+final|final\\s+static)\\s+[\\w<>,.? \\[\\]]+?\\s+(\\w+)\\s*=");
    private static final String DOCS_PACKAGE = "dev.tcpip.docs";
    /** Classes of the docs' tests that stand for the reader's own code, as the snippets' comments say. */
    private static final Set<String> STAND_INS = Set.of("DomeTestBase");

    /** One import line: {@code import [static] name;}. */
    record Import(boolean isStatic, String name) {
        String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        @Override
        public String toString() {
            return "import " + (isStatic ? "static " : "") + name + ";";
        }
    }

    /** True if every non-blank line of the block is an import: an imports block. */
    static boolean isImportsBlock(Block block) {
        return block.language().equals("java") && block.marker() == null
            && block.body().stream().anyMatch(l -> !l.isBlank())
            && block.body().stream().allMatch(l -> l.isBlank() || IMPORT.matcher(l.trim()).matches());
    }

    static List<Import> parseImports(List<String> lines) {
        List<Import> imports = new ArrayList<>();
        for (String line : lines) {
            Matcher m = IMPORT.matcher(line.trim());
            if (m.matches()) {
                imports.add(new Import(m.group(1) != null, m.group(2)));
            }
        }
        return imports;
    }

    /** Where each tagged region is defined. */
    static Map<String, Path> regionSources() {
        Map<String, Path> sources = new LinkedHashMap<>();
        Pattern tag = Pattern.compile("^\\s*//\\s*tag::([A-Za-z0-9_.-]+)\\[\\]\\s*$");
        List<Path> files = new ArrayList<>(DocsSnippetsTest.javaFiles(DocsSnippetsTest.MODULE.resolve("src/test/java")));
        Path java21 = DocsSnippetsTest.MODULE.resolve("src/test/java21");
        if (Files.isDirectory(java21)) {
            files.addAll(DocsSnippetsTest.javaFiles(java21));
        }
        files.addAll(DocsSnippetsTest.javaFiles(DocsSnippetsTest.GETTING_STARTED_SOURCES));
        for (Path file : files) {
            for (String line : DocsSnippetsTest.read(file)) {
                Matcher m = tag.matcher(line);
                if (m.matches()) {
                    sources.put(m.group(1), file);
                }
            }
        }
        return sources;
    }

    /** True if the text uses the name as a type or a static member: a whole word, not after a dot. */
    static boolean uses(String text, String simpleName) {
        return Pattern.compile("(?<![\\w.$])" + Pattern.quote(simpleName) + "(?![\\w$])").matcher(stripComments(text)).find();
    }

    private static String stripComments(String text) {
        return Arrays.stream(text.replaceAll("(?s)/\\*.*?\\*/", "").split("\n"))
            .map(l -> l.replaceAll("//.*$", ""))
            .collect(Collectors.joining("\n"))
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }

    /** Classes, records and constants declared by snippets anywhere in the guide: the reader has them. */
    static Set<String> declaredInSnippets(Map<String, List<String>> regions, Set<String> shown) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : shown) {
            Matcher m = DECLARATION.matcher(String.join("\n", regions.get(name)));
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return names;
    }

    /** Top-level classes of this module's test package, which a snippet can use without an import. */
    static Set<String> docsPackageClasses() {
        return DocsSnippetsTest.javaFiles(DocsSnippetsTest.MODULE.resolve("src/test/java/dev/tcpip/docs")).stream()
            .map(p -> p.getFileName().toString().replace(".java", ""))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** What is wrong with one page's imports; empty when nothing is. */
    static List<String> problems(Path page, Map<String, List<String>> regions, Map<String, Path> sources,
                                 Set<String> declared, Set<String> docsClasses) {
        List<Block> blocks = DocsSnippetsTest.blocks(page);
        List<Block> snippets = blocks.stream().filter(b -> b.marker() != null).collect(Collectors.toList());
        List<Block> importBlocks = blocks.stream().filter(DocsImportsTest::isImportsBlock).collect(Collectors.toList());
        List<String> problems = new ArrayList<>();
        if (snippets.isEmpty()) {
            return problems;
        }
        boolean wholeFiles = snippets.stream().allMatch(b -> !parseImports(b.body()).isEmpty());
        if (importBlocks.size() > 1 || importBlocks.isEmpty() && !wholeFiles) {
            problems.add(page.getFileName() + ": " + importBlocks.size() + " imports blocks (a ```java block of import lines only); want 1,"
                + " or none when every snippet is a whole file with its imports");
            return problems;
        }
        Block importBlock = importBlocks.isEmpty() ? snippets.get(0) : importBlocks.get(0);
        List<Import> shown = importBlocks.isEmpty() ? List.of() : parseImports(importBlock.body());
        for (Import i : shown) {
            String missing = resolve(i);
            if (missing != null) {
                problems.add(importBlock.where() + ": " + i + ": " + missing);
            }
        }
        Set<Import> usedByPage = new LinkedHashSet<>();
        for (Block snippet : snippets) {
            String text = String.join("\n", regions.getOrDefault(snippet.marker(), List.of()));
            Path source = sources.get(snippet.marker());
            if (source == null) {
                continue;
            }
            List<Import> ownImports = parseImports(snippet.body());
            for (Import i : parseImports(DocsSnippetsTest.read(source))) {
                if (!uses(text, i.simpleName()) || declared.contains(i.simpleName()) || ownImports.contains(i)) {
                    continue;
                }
                if (i.name().startsWith(DOCS_PACKAGE + ".")) {
                    problems.add(snippet.where() + ": snippet " + snippet.marker() + " uses " + i.simpleName()
                        + ", a helper of the docs' tests that no page shows");
                    continue;
                }
                usedByPage.add(i);
                if (!shown.contains(i)) {
                    problems.add(importBlock.where() + ": missing " + i + " (used by snippet " + snippet.marker() + ")");
                }
            }
            for (String helper : docsClasses) {
                if (uses(text, helper) && !declared.contains(helper) && !STAND_INS.contains(helper)) {
                    problems.add(snippet.where() + ": snippet " + snippet.marker() + " uses " + helper
                        + ", a class of the docs' tests that no page shows");
                }
            }
        }
        for (Import i : shown) {
            if (!usedByPage.contains(i) && resolve(i) == null) {
                problems.add(importBlock.where() + ": " + i + " is used by no snippet on this page");
            }
        }
        return problems;
    }

    /** Null if the import names something on the classpath, else what is missing. */
    static String resolve(Import i) {
        if (!i.isStatic()) {
            return loadClass(i.name()) != null ? null : "no such class";
        }
        int dot = i.name().lastIndexOf('.');
        Class<?> owner = loadClass(i.name().substring(0, dot));
        if (owner == null) {
            return "no such class";
        }
        String member = i.name().substring(dot + 1);
        boolean exists = Stream.of(owner.getMethods()).map(Method::getName).anyMatch(member::equals)
            || Stream.of(owner.getFields()).map(Field::getName).anyMatch(member::equals)
            || Stream.of(owner.getClasses()).map(Class::getSimpleName).anyMatch(member::equals);
        return exists ? null : "no public static member " + member + " in " + owner.getName();
    }

    /** Loads a class by its canonical name, nested classes included ({@code a.b.C.D} is {@code a.b.C$D}). */
    static Class<?> loadClass(String canonical) {
        String name = canonical;
        while (true) {
            try {
                return Class.forName(name, false, DocsImportsTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPageShowsTheImportsItsExamplesNeed() {
        Map<String, List<String>> regions = DocsSnippetsTest.regions();
        Map<String, Path> sources = regionSources();
        Set<String> shownRegions = DocsSnippetsTest.markdownFiles().stream()
            .flatMap(f -> DocsSnippetsTest.blocks(f).stream())
            .map(Block::marker)
            .filter(m -> m != null && regions.containsKey(m))
            .collect(Collectors.toSet());
        Set<String> declared = declaredInSnippets(regions, shownRegions);
        Set<String> docsClasses = docsPackageClasses();
        return DocsSnippetsTest.markdownFiles().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
            List<String> problems = problems(page, regions, sources, declared, docsClasses);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }));
    }

    @Test
    void theCheckFindsMissingUnusedAndUnknownImports(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("Example.java");
        Files.writeString(source, String.join("\n",
            "import dev.tcpip.core.Client;",
            "import dev.tcpip.core.ClientOptions;",
            "import io.vertx.core.Vertx;",
            "import org.junit.jupiter.api.Test;",
            "class Example {",
            "    // tag::example[]",
            "    Client client = new Client(new ClientOptions());   // Vertx in a comment is not a use",
            "    // end::example[]",
            "}"));
        Path page = dir.resolve("page.md");
        Files.writeString(page, String.join("\n",
            "```java",
            "import dev.tcpip.core.Client;",
            "import dev.tcpip.core.NoSuchThing;",
            "import io.vertx.core.buffer.Buffer;",
            "```",
            "<!-- snippet: example -->",
            "```java",
            "Client client = new Client(new ClientOptions());",
            "```",
            ""));
        Map<String, List<String>> regions = Map.of("example", List.of("Client client = new Client(new ClientOptions());   // Vertx in a comment is not a use"));
        List<String> problems = problems(page, regions, Map.of("example", source), Set.of(), Set.of());
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).endsWith("import dev.tcpip.core.NoSuchThing;: no such class"), problems.get(0));
        assertTrue(problems.get(1).endsWith("missing import dev.tcpip.core.ClientOptions; (used by snippet example)"), problems.get(1));
        assertTrue(problems.get(2).endsWith("import io.vertx.core.buffer.Buffer; is used by no snippet on this page"), problems.get(2));

        Files.writeString(page, "<!-- snippet: example -->\n```java\nClient client = new Client(new ClientOptions());\n```\n");
        assertFalse(problems(page, regions, Map.of("example", source), Set.of(), Set.of()).isEmpty(), "a page without imports block");
    }

    @Test
    void nestedClassesAndStaticMembersResolve() {
        assertEquals(null, resolve(new Import(false, "io.vertx.core.Future")));
        assertEquals(null, resolve(new Import(false, "java.util.Map.Entry")));
        assertEquals(null, resolve(new Import(true, "java.nio.charset.StandardCharsets.UTF_8")));
        assertEquals("no such class", resolve(new Import(false, "java.util.Nope")));
        assertTrue(resolve(new Import(true, "java.util.Map.nope")).startsWith("no public static member"));
    }
}
