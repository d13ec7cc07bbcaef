package dev.tcpip.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineMessagesTest {

    @Test
    void messagesAreAsciiOfTheirLengthWithoutTheDelimiterAndDistinctOverThePool() {
        for (int bytes : new int[] {64, 1024}) {
            LineMessages m = new LineMessages(bytes);
            assertEquals(bytes, m.wireBytes());
            Set<String> seen = new HashSet<>();
            for (long i = 0; i < LineMessages.POOL; i++) {
                String s = m.get(i);
                assertEquals(bytes - 2, s.getBytes(StandardCharsets.UTF_8).length);
                assertTrue(s.chars().allMatch(c -> c > ' ' && c < 127 || c == ' '), s);
                assertTrue(s.indexOf('\r') < 0 && s.indexOf('\n') < 0, s);
                seen.add(s);
            }
            assertEquals(LineMessages.POOL, seen.size());
            assertEquals(m.get(5), m.get(5 + LineMessages.POOL), "message i repeats every POOL");
        }
    }

    @Test
    void checkNamesTheMessageThatIsWrong() {
        LineMessages m = new LineMessages(64);
        assertNull(m.check(7, m.get(7)));
        String wrong = m.check(7, m.get(8));
        assertTrue(wrong.startsWith("message 7 is \"M000000000008 "), wrong);
        assertTrue(wrong.contains("sent \"M000000000007 "), wrong);
        assertTrue(m.check(7, null).contains("is null"));
    }

    @Test
    void aMessageTooShortForItsNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LineMessages(15));
    }
}
