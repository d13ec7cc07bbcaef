package dev.tcpip.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/reliability.md honest: every guarantee row names at least one test as {@code Class#method},
 * and each named test exists in the test sources of some module of this repository (a JUnit
 * {@code @Test}/{@code @ParameterizedTest} method, or a jqwik {@code @Property} or {@code @Example}).
 */
class ReliabilityDocTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final Pattern TEST_REF = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9_]*)`");

    /** Test source files by simple class name, from every module's src/test. */
    static Map<String, List<Path>> testSources() throws IOException {
        Map<String, List<Path>> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> p.toString().contains("/src/test/"))
                .filter(p -> !p.toString().contains("/target/"))
                .forEach(p -> byName.computeIfAbsent(p.getFileName().toString().replace(".java", ""), k -> new ArrayList<>()).add(p));
        }
        return byName;
    }

    /** True if the source declares {@code void method(} with a test annotation since the previous member. */
    static boolean isTestMethod(String source, String method) {
        Matcher declaration = Pattern.compile("\\bvoid\\s+" + method + "\\s*\\(").matcher(source);
        while (declaration.find()) {
            int previousMember = source.lastIndexOf("\n    }", declaration.start());
            String header = source.substring(Math.max(previousMember, 0), declaration.start());
            if (header.matches("(?s).*@(Test|ParameterizedTest|RepeatedTest|Property|Example)\\b.*")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyGuaranteeNamesTestsThatExist() throws IOException {
        List<String> lines = Files.readAllLines(MODULE.resolve("reliability.md"));
        Map<String, List<Path>> sources = testSources();
        int rows = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("| ") || line.startsWith("| Guarantee") || line.startsWith("|---")) {
                continue;
            }
            rows++;
            Matcher m = TEST_REF.matcher(line);
            int refs = 0;
            while (m.find()) {
                refs++;
                String cls = m.group(1);
                String method = m.group(2);
                List<Path> files = sources.get(cls);
                if (files == null) {
                    problems.add("reliability.md:" + (i + 1) + ": no test class " + cls);
                    continue;
                }
                boolean found = false;
                for (Path f : files) {
                    found |= isTestMethod(Files.readString(f), method);
                }
                if (!found) {
                    problems.add("reliability.md:" + (i + 1) + ": no test method " + cls + "#" + method);
                }
            }
            if (refs == 0) {
                problems.add("reliability.md:" + (i + 1) + ": a guarantee without a test: " + line);
            }
        }
        assertTrue(rows >= 20, "reliability.md lists only " + rows + " guarantees");
        assertEquals(List.of(), problems);
    }
}
