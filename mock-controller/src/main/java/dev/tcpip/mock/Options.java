package dev.tcpip.mock;

import java.util.Locale;

/** Parsing helpers shared by {@link Arguments} and {@link DriveArguments}. */
final class Options {
    private Options() {
    }

    /** Splits {@code --name=value}; returns {name, value-or-null}. */
    static String[] split(String arg) {
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            return new String[] {arg.substring(0, eq), arg.substring(eq + 1)};
        }
        return new String[] {arg, null};
    }

    static String valueOf(String[] args, int i, String option) throws UsageException {
        if (i + 1 >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i + 1];
    }

    static String host(String value) throws UsageException {
        String host = value.trim();
        if (host.isEmpty()) {
            throw new UsageException("--host needs a non-empty address");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    static int port(String value, int min) throws UsageException {
        int port = integer("--port", value, min + "..65535");
        if (port < min || port > 65535) {
            throw new UsageException("--port must be in " + min + "..65535, got " + port);
        }
        return port;
    }

    static int integer(String option, String value, String range) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number in " + range + ", got '" + value + "'");
        }
    }

    static double number(String option, String value) throws UsageException {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs numbers, got '" + value + "'");
        }
        if (!Double.isFinite(d)) {
            throw new UsageException(option + " needs finite numbers, got '" + value + "'");
        }
        return d;
    }

    static int telemetryHz(String option, String value) throws UsageException {
        String range = MockProtocol.TELEMETRY_HZ_MIN + ".." + MockProtocol.TELEMETRY_HZ_MAX;
        int hz = integer(option, value, range);
        if (!MockProtocol.validTelemetryHz(hz)) {
            throw new UsageException(option + " must be in " + range + ", got " + hz);
        }
        return hz;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
