package dev.tcpip.tasks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens for a task server's AUTH: making one (bgpy's {@code token_create}) and comparing one in constant
 * time.
 */
public final class TaskTokens {
    /** How many random bytes {@link #create()} draws: 64, as bgpy's {@code token_create()}. */
    public static final int DEFAULT_BYTES = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TaskTokens() {
    }

    /**
     * {@return a new token: {@value #DEFAULT_BYTES} random bytes from {@link SecureRandom}, URL-safe base64
     *     without padding (Python's {@code secrets.token_urlsafe(64)}: 86 characters)}
     */
    public static String create() {
        return create(DEFAULT_BYTES);
    }

    /**
     * Makes a token of {@code bytes} random bytes, URL-safe base64 without padding.
     *
     * @param bytes how many random bytes, &gt;= 16
     * @return the token
     * @throws IllegalArgumentException if fewer than 16 bytes are asked for
     */
    public static String create(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("a token needs at least 16 random bytes, got " + bytes);
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Compares a presented token with the expected one in time that does not depend on where they differ
     * ({@link MessageDigest#isEqual} on their UTF-8 bytes), so the time an answer takes tells an attacker
     * nothing about how much of a guess was right.
     *
     * @param expected  the server's token, UTF-8
     * @param presented what the client sent; null never matches
     * @return whether they are equal
     */
    public static boolean matches(byte[] expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
