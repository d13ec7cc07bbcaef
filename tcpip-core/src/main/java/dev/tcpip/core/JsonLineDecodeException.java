package dev.tcpip.core;

/**
 * A line read by {@code readJson()} is not valid JSON. The message contains the line; the line has been
 * consumed and the connection stays open and usable.
 */
public class JsonLineDecodeException extends TcpipException {
    private static final long serialVersionUID = 1L;

    private final String line;

    /**
     * Creates the exception for a line that is not valid JSON; the message quotes the line (its first 200
     * characters) and the parser's error.
     *
     * @param line  the text that failed to parse
     * @param cause the parser's error
     */
    public JsonLineDecodeException(String line, Throwable cause) {
        super("invalid JSON line " + quote(line) + ": " + cause.getMessage(), cause);
        this.line = line;
    }

    private static String quote(String line) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "…" : line;
        return '"' + shown + '"';
    }

    /**
     * {@return the line that failed to parse}
     */
    public String line() {
        return line;
    }
}
