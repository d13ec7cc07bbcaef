package dev.tcpip.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/architecture.md names every package of the code, and nothing that does not exist. */
class ArchitectureDocTest {
    private static final Path ROOT = DocsSnippetsTest.MODULE.getParent();
    private static final Pattern PACKAGE = Pattern.compile("`((?:dev\\.tcpip|org\\.example|javolution\\.osgi)(?:\\.[a-z0-9]+)*)`");

    /** Every package with main code in the repository's modules. */
    static Set<String> codePackages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files
                .filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                .map(p -> ROOT.relativize(p).toString())
                .filter(p -> p.contains("src/main/java/"))
                .map(p -> p.substring(p.indexOf("src/main/java/") + "src/main/java/".length(), p.lastIndexOf('/')).replace('/', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Set<String> namedPackages() throws IOException {
        Matcher m = PACKAGE.matcher(Files.readString(DocsSnippetsTest.MODULE.resolve("architecture.md")));
        Set<String> named = new TreeSet<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        return named;
    }

    @Test
    void everyPackageNamedOnThePageExists() throws IOException {
        Set<String> missing = new TreeSet<>(namedPackages());
        missing.removeAll(codePackages());
        assertTrue(missing.isEmpty(), "architecture.md names packages that do not exist: " + missing);
    }

    @Test
    void everyPackageOfTheCodeIsNamedOnThePage() throws IOException {
        Set<String> unnamed = new TreeSet<>(codePackages());
        unnamed.removeAll(namedPackages());
        assertTrue(unnamed.isEmpty(), "architecture.md does not describe these packages: " + unnamed);
    }

    @Test
    void everyModuleOfTheBuildIsOnTheMap() throws IOException {
        String page = Files.readString(DocsSnippetsTest.MODULE.resolve("architecture.md"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        Set<String> absent = new TreeSet<>();
        while (m.find()) {
            if (!page.contains(m.group(1) + "/")) {
                absent.add(m.group(1));
            }
        }
        assertTrue(absent.isEmpty(), "modules missing from the map on architecture.md: " + absent);
    }
}
