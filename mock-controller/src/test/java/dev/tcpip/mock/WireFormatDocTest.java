package dev.tcpip.mock;

import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.message.StandardHeader;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps docs/structs.md ("The mock telescope controller") and the Java structs in step: every table of a
 * struct (field, C type, offset, size), every struct's total size, its C declaration, the message ids, the
 * result codes, the states, and the example bytes are checked against the code.
 */
class WireFormatDocTest {
    static final String SECTION = "## The mock telescope controller";
    private static final Pattern STRUCT_HEADING = Pattern.compile("^### `struct (\\w+)` \\((\\d+) bytes\\)$");
    private static final Pattern C_FIELD = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)(\\[(\\d+)\\])?;$");
    private static final Pattern C_OPEN = Pattern.compile("^struct __attribute__\\(\\(packed\\)\\) (\\w+) \\{$");

    /** The documented struct names and the Java structs they describe. */
    static final Map<String, Supplier<? extends Struct>> STRUCTS = new LinkedHashMap<>();

    static {
        STRUCTS.put("header", StandardHeader::new);
        STRUCTS.put("move_command", MoveCommand::new);
        STRUCTS.put("stop_command", StopCommand::new);
        STRUCTS.put("configure_command", ConfigureCommand::new);
        STRUCTS.put("ack", Ack::new);
        STRUCTS.put("telemetry", Telemetry::new);
    }

    /** docs/structs.md: from the build's property, else relative to the module directory. */
    static Path page() {
        String configured = System.getProperty("mock.structs.md");
        Path path = configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("user.dir")).resolve("../docs/structs.md");
        path = path.toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(path), "the wire-format page is missing: " + path);
        return path;
    }

    /** The lines of this module's section: from its heading to the next level-2 heading. */
    static List<String> section(List<String> page) {
        int start = page.indexOf(SECTION);
        assertTrue(start >= 0, "no '" + SECTION + "' heading in the page");
        int end = start + 1;
        while (end < page.size() && !page.get(end).startsWith("## ")) {
            end++;
        }
        return page.subList(start, end);
    }

    @Test
    void theDocumentedWireFormatMatchesTheStructs() throws IOException {
        List<String> lines = Files.readAllLines(page(), StandardCharsets.UTF_8);
        check(section(lines));
    }

    @Test
    void theCheckCatchesDrift() throws IOException {
        List<String> good = section(Files.readAllLines(page(), StandardCharsets.UTF_8));
        check(good);
        assertDrift(good, "| `sequence` | `uint32_t` | 4 | 4 |", "| `sequence` | `uint32_t` | 5 | 4 |");
        assertDrift(good, "| `azimuth` | `double` | 4 | 8 |", "| `azimuth` | `float` | 4 | 8 |");
        assertDrift(good, "| `state` | `uint16_t` | 62 | 2 |", "| `state` | `uint16_t` | 62 | 4 |");
        assertDrift(good, "### `struct ack` (74 bytes)", "### `struct ack` (76 bytes)");
        assertDrift(good, "| `axes` | `uint16_t` | 0 | 2 | which axes: 1 azimuth, 2 elevation, 3 both |", null);
        assertDrift(good, "    double   max_velocity;", "    float    max_velocity;");
        assertDrift(good, "| 200 | telemetry |", "| 201 | telemetry |");
        assertDrift(good, "| 4 | REJECTED_BAD_SIZE |", "| 5 | REJECTED_BAD_SIZE |");
        assertDrift(good, "| 1 | MOVING |", "| 2 | MOVING |");
        assertDrift(good, "00 00 00 00 00 00 5e 40", "00 00 00 00 00 00 5f 40");
    }

    /** Replaces (or, with null, removes) the line starting with {@code from} and expects the check to fail. */
    private static void assertDrift(List<String> good, String from, String to) {
        List<String> bad = new ArrayList<>();
        boolean found = false;
        for (String line : good) {
            if (!found && line.startsWith(from)) {
                found = true;
                if (to != null) {
                    bad.add(to + line.substring(from.length()));
                }
            } else {
                bad.add(line);
            }
        }
        assertTrue(found, "no line starting with " + from);
        assertThrows(AssertionError.class, () -> check(bad), "drift not caught: " + from + " -> " + to);
    }

    /** All checks on the section's lines. */
    static void check(List<String> lines) {
        Set<String> documented = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = STRUCT_HEADING.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            int size = Integer.parseInt(m.group(2));
            Supplier<? extends Struct> factory = STRUCTS.get(name);
            assertNotNull(factory, "the page documents struct " + name + ", which the code does not have");
            documented.add(name);
            checkStruct(name, size, factory.get(), lines, i + 1);
        }
        assertEquals(new TreeSet<>(STRUCTS.keySet()), documented, "every struct is documented");
        checkMessageIds(table(lines, "| id | name | body | direction |"));
        checkNamedCodes(table(lines, "| result | name | meaning |"), "", MockProtocol::resultName);
        checkNamedCodes(table(lines, "| state | name | meaning |"), "STATE_", MockProtocol::stateName);
        checkExampleBytes(lines);
    }

    /** A documented field: name, C type, offset, size. */
    record Row(String name, String cType, int offset, int size) {
    }

    private static void checkStruct(String name, int size, Struct struct, List<String> lines, int from) {
        assertEquals(struct.size(), size, "sizeof(struct " + name + ")");
        List<Row> rows = table(lines, "| Field | C type | Offset | Size | Meaning |", from).stream()
            .map(cells -> new Row(unquote(cells.get(0)), unquote(cells.get(1)), Integer.parseInt(cells.get(2)),
                Integer.parseInt(cells.get(3))))
            .collect(Collectors.toList());
        List<Row> actual = members(struct);
        assertEquals(actual, rows, "the table of struct " + name);
        Row last = rows.get(rows.size() - 1);
        assertEquals(size, last.offset() + last.size(), "struct " + name + " ends with its last field");
        assertEquals(cDeclaration(lines, name, from), rows.stream().map(r -> r.cType() + " " + r.name())
            .collect(Collectors.toList()), "the C declaration of struct " + name);
    }

    /** The struct's members as rows, in offset order, with field names in snake_case and C types. */
    static List<Row> members(Struct struct) {
        return Layout.members(struct);
    }

    /**
     * javolution's {@code Struct.Member} is a protected nested class: only code inside a subclass of
     * {@code Struct} can name it, so the introspection lives in one.
     */
    private static final class Layout extends CStruct {
        static List<Row> members(Struct struct) {
            List<Row> rows = new ArrayList<>();
            for (Field f : struct.getClass().getFields()) {
                if (!Member.class.isAssignableFrom(f.getType())) {
                    continue;
                }
                Member member;
                try {
                    member = (Member) f.get(struct);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                int bytes = member.bitLength() / 8;
                rows.add(new Row(snake(f.getName()), cType(member, bytes), member.offset(), bytes));
            }
            rows.sort(Comparator.comparingInt(Row::offset));
            return rows;
        }

        private static String cType(Member member, int bytes) {
            if (member instanceof UTF8String) {
                return "char[" + bytes + "]";
            }
            if (member instanceof Bool) {
                return "bool";
            }
            if (member instanceof Float64) {
                return "double";
            }
            if (member instanceof Float32) {
                return "float";
            }
            String simple = member.getClass().getSimpleName();
            if (simple.startsWith("Unsigned")) {
                return "uint" + simple.substring("Unsigned".length()) + "_t";
            }
            if (simple.startsWith("Signed")) {
                return "int" + simple.substring("Signed".length()) + "_t";
            }
            throw new AssertionError("no C type for " + member.getClass());
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").trim();
    }

    /** The fields of {@code struct __attribute__((packed)) NAME { ... };} in the first ```c block after from. */
    private static List<String> cDeclaration(List<String> lines, String name, int from) {
        int i = from;
        while (i < lines.size() && !lines.get(i).startsWith("### ") && !lines.get(i).equals("```c")) {
            i++;
        }
        assertTrue(i < lines.size() && lines.get(i).equals("```c"), "no C declaration for struct " + name);
        Matcher open = C_OPEN.matcher(lines.get(i + 1));
        assertTrue(open.matches() && open.group(1).equals(name), "C block for " + name + " opens with " + lines.get(i + 1));
        List<String> fields = new ArrayList<>();
        for (i += 2; !lines.get(i).equals("};"); i++) {
            Matcher m = C_FIELD.matcher(lines.get(i));
            assertTrue(m.matches(), "not a C field: " + lines.get(i));
            fields.add(m.group(1) + (m.group(4) != null ? "[" + m.group(4) + "]" : "") + " " + m.group(2));
        }
        return fields;
    }

    private static List<List<String>> table(List<String> lines, String header) {
        return table(lines, header, 0);
    }

    /** The body rows (cells, trimmed) of the first table at or after {@code from} with this header line. */
    private static List<List<String>> table(List<String> lines, String header, int from) {
        int i = from;
        while (i < lines.size() && !lines.get(i).equals(header)) {
            i++;
        }
        assertTrue(i < lines.size(), "no table '" + header + "'");
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        assertTrue(!rows.isEmpty(), "table '" + header + "' has no rows");
        return rows;
    }

    private static void checkMessageIds(List<List<String>> rows) {
        Set<Integer> ids = new TreeSet<>();
        for (List<String> row : rows) {
            int id = Integer.parseInt(row.get(0));
            String body = unquote(row.get(2)).replace("struct ", "");
            Supplier<? extends Struct> factory = STRUCTS.get(body);
            assertNotNull(factory, "id " + id + ": unknown body " + body);
            assertEquals(MockProtocol.PROTOCOL.idOf(factory.get().getClass()), id, "message id of " + body);
            assertEquals(MockProtocol.messageName(id), row.get(1), "name of id " + id);
            ids.add(id);
        }
        Set<Integer> registered = new TreeSet<>();
        for (int id = 0; id <= 1000; id++) {
            if (MockProtocol.PROTOCOL.isRegistered(id)) {
                registered.add(id);
            }
        }
        assertEquals(registered, ids, "every registered message id is documented");
    }

    /** Rows of code, NAME: MockProtocol's constant {@code prefix + NAME} has that value, and is named so. */
    private static void checkNamedCodes(List<List<String>> rows, String prefix,
                                        java.util.function.IntFunction<String> namer) {
        for (List<String> row : rows) {
            int code = Integer.parseInt(row.get(0));
            String name = row.get(1);
            try {
                assertEquals(code, MockProtocol.class.getField(prefix + name).getInt(null), name);
            } catch (NoSuchFieldException | IllegalAccessException e) {
                fail("MockProtocol has no constant " + prefix + name);
            }
            assertEquals(name, namer.apply(code), "name of " + code);
        }
        for (int code = 0; code < 10; code++) {
            String name = namer.apply(code);
            if (!name.matches(".*_\\d+")) {
                final int c = code;
                assertTrue(rows.stream().anyMatch(r -> Integer.parseInt(r.get(0)) == c), name + " is documented");
            }
        }
    }

    /** The example of a move on the wire: the header then the body, byte for byte (timestamp aside). */
    private static void checkExampleBytes(List<String> lines) {
        StandardHeader header = new StandardHeader();
        header.messageId.set(MockProtocol.MOVE);
        header.sequence.set(1);
        header.bodySize.set(MoveCommand.SIZE);
        byte[] expected = Structs.encode(header, MoveCommand.of(120, 45)).getBytes();
        List<String> shown = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && !lines.get(i).contains("<8 bytes of timestamp>")) {
            i++;
        }
        assertTrue(i < lines.size() && lines.get(i - 1).equals("```text"), "no example bytes");
        for (; !lines.get(i).equals("```"); i++) {
            String line = lines.get(i).replace("<8 bytes of timestamp>", "TT TT TT TT TT TT TT TT");
            for (String token : line.trim().split("\\s+")) {
                if (!token.matches("[0-9a-f]{2}|TT")) {
                    break;                               // the comment starts
                }
                shown.add(token);
            }
        }
        assertEquals(expected.length, shown.size(), "example length");
        HexFormat hex = HexFormat.of();
        for (int k = 0; k < expected.length; k++) {
            if (k >= 8 && k < 16) {
                assertEquals("TT", shown.get(k), "the timestamp is left open");
            } else {
                assertEquals(hex.toHexDigits(expected[k]), shown.get(k), "example byte " + k);
            }
        }
    }
}
