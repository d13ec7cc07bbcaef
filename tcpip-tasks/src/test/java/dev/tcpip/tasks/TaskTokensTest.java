package dev.tcpip.tasks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Making tokens (bgpy's token_create) and the constant-time comparison the server uses. */
class TaskTokensTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTokenIs64RandomBytesInUrlSafeBase64LikePythonsTokenUrlsafe() {
        String token = TaskTokens.create();
        assertEquals(86, token.length(), token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertTrue(seen.add(TaskTokens.create()), "tokens repeat");
        }
        assertEquals(22, TaskTokens.create(16).length());
        assertThrows(IllegalArgumentException.class, () -> TaskTokens.create(15));
    }

    @Test
    void theComparisonAcceptsOnlyTheSameBytes() {
        byte[] expected = utf8("s3cr3t");
        assertTrue(TaskTokens.matches(expected, "s3cr3t"));
        assertFalse(TaskTokens.matches(expected, "s3cr3"), "a prefix");
        assertFalse(TaskTokens.matches(expected, "s3cr3tt"), "longer");
        assertFalse(TaskTokens.matches(expected, "s3cr3T"), "the last byte differs");
        assertFalse(TaskTokens.matches(expected, "S3cr3t"), "the first byte differs");
        assertFalse(TaskTokens.matches(expected, ""));
        assertFalse(TaskTokens.matches(expected, null));
        assertFalse(TaskTokens.matches(null, "s3cr3t"));
        // Compared as UTF-8 bytes: non-ASCII tokens work, and look-alikes do not match.
        assertTrue(TaskTokens.matches(utf8("gr\u00fc\u00dfe"), "gr\u00fc\u00dfe"));
        assertFalse(TaskTokens.matches(utf8("gr\u00fc\u00dfe"), "gru\u0308\u00dfe"));
    }

    @Test
    void theComparisonIsMessageDigestIsEqual() throws Exception {
        // What makes it constant-time: the JDK's MessageDigest.isEqual, whose time does not depend on where
        // the bytes differ. Pin that the helper goes through it, by its result on arrays that differ in
        // length, where a naive loop over the shorter one would say "equal".
        byte[] expected = utf8("abc");
        assertEquals(java.security.MessageDigest.isEqual(expected, utf8("ab")), TaskTokens.matches(expected, "ab"));
        assertEquals(java.security.MessageDigest.isEqual(expected, utf8("abc")), TaskTokens.matches(expected, "abc"));
    }
}
