package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;

/** The checks and JSON conversions the two options classes share. */
final class OptionChecks {
    private OptionChecks() {
    }

    static String host(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        return host;
    }

    static int port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        return port;
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** A duration that is positive (or zero, if allowed) and fits in an int of milliseconds. */
    static Duration duration(String name, Duration value, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.isZero()) || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                + " and at most " + Integer.MAX_VALUE + " ms, got " + value);
        }
        return value;
    }

    static String token(String token) {
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("the token must not be empty (null means none)");
        }
        return token;
    }

    /** A duration from JSON: seconds, a number; the default when absent. */
    static Duration seconds(JsonObject json, String key, Duration otherwise, boolean zeroAllowed) {
        Number seconds;
        try {
            seconds = json.getNumber(key);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(key + " must be a number of seconds, got " + json.getValue(key));
        }
        if (seconds == null) {
            return otherwise;
        }
        return duration(key, Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)), zeroAllowed);
    }

    static double toSeconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Refuses a token in JSON: tokens never go through a JSON form. */
    static void noToken(JsonObject json) {
        if (json.containsKey("token")) {
            throw new IllegalArgumentException("the token is never read from JSON: set it with setToken");
        }
    }
}
