package dev.tcpip.echo;

import dev.tcpip.core.OneClientServer;
import dev.tcpip.launcher.CommandLines;
import dev.tcpip.launcher.ListenAddress;
import io.vertx.core.Deployable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/**
 * The echo server's command line beyond the launcher's {@code --host} and {@code --port}:
 * {@code [--framing F] [--clients C] [--max-frame N]}, and which server they make ({@link #server}).
 *
 * <p>Two combinations are served: {@code --framing line --clients one} (the defaults: the lsst.ts.tcpip
 * demo, {@link EchoServer}) and {@code --framing length --clients many} ({@link FrameEchoServer}). The
 * other two, and {@code --max-frame} without {@code --framing length}, are refused as a bad command line.
 */
@Command(description = "Echo server of lsst.ts.tcpip, on Vert.x. By default (--framing line --clients one) it writes every"
    + " line a TCP client sends back to it, byte for byte (lines end with CR LF). One client at a time: while one is"
    + " connected, other clients are accepted and closed at once. A client that disconnects mid-line, or sends a line"
    + " longer than 64 KiB, is dropped and the next client is served.%n%n"
    + "With --framing length --clients many it serves any number of clients at once (at most 1024) and sends every"
    + " frame back as the same frame. A frame is a 4-byte signed big-endian length N, 0 <= N <= --max-frame"
    + " (Python: struct.pack(\"!i\", N)), followed by N payload bytes. A negative length, or one over --max-frame,"
    + " drops only that client; so does a frame cut short by its close or reset.",
    footer = "java -Decho.log.level=DEBUG -jar echo-server.jar logs every line or frame read.")
final class EchoCommand {
    /** How the bytes of a connection are cut into messages. */
    enum Framing {
        /** Lines ending with CR LF. */
        LINE,
        /** Frames: a 4-byte signed big-endian length, then that many bytes. */
        LENGTH
    }

    /** How many clients are served at once. */
    enum Clients {
        /** One at a time; others are accepted and closed at once. */
        ONE,
        /** Any number at once. */
        MANY
    }

    /** The most {@code --max-frame} may be: 1 GiB, far below what a Java array can hold. */
    static final int MAX_FRAME_LIMIT = 1 << 30;

    @Spec
    CommandSpec spec;

    private Framing framing = Framing.LINE;
    private Clients clients = Clients.ONE;
    private int maxFrame = FrameEchoServer.DEFAULT_MAX_FRAME;
    private boolean maxFrameGiven;

    @Option(names = "--framing", paramLabel = "F", order = 1, description = "line (default): lines ending with CR LF;"
        + " length: frames of a 4-byte signed big-endian length, then that many bytes (needs --clients many)")
    void framing(String value) {
        framing = choice(Framing.class, "--framing", value, "line or length");
    }

    @Option(names = "--clients", paramLabel = "C", order = 2, description = "one (default): one client at a time,"
        + " others are closed at once; many: any number at once, at most 1024 (needs --framing length)")
    void clients(String value) {
        clients = choice(Clients.class, "--clients", value, "one or many");
    }

    @Option(names = "--max-frame", paramLabel = "N", order = 3, description = "largest payload of a frame, in bytes, 0.."
        + MAX_FRAME_LIMIT + " (default " + FrameEchoServer.DEFAULT_MAX_FRAME + "); a longer or negative length"
        + " drops that client (--framing length only)")
    void maxFrame(String value) {
        maxFrame = CommandLines.parseInt(spec, "--max-frame", value, 0, MAX_FRAME_LIMIT);
        maxFrameGiven = true;
    }

    /** {@return the framing chosen} */
    Framing framing() {
        return framing;
    }

    /** {@return how many clients at once} */
    Clients clients() {
        return clients;
    }

    /** {@return the largest payload of a frame} */
    int maxFrame() {
        return maxFrame;
    }

    /**
     * The server these options ask for, the launcher's factory.
     *
     * @param at where to listen
     * @return an {@link EchoServer} for lines and one client, a {@link FrameEchoServer} for frames and many
     * @throws ParameterException for a combination that is not served (a bad command line: status 2)
     */
    Deployable server(ListenAddress at) {
        check();
        return framing == Framing.LINE ? new EchoServer(at.host(), at.port())
            : new FrameEchoServer(at.host(), at.port(), maxFrame);
    }

    /**
     * The port a server made by {@link #server} listens on, once deployed.
     *
     * @param server an {@link EchoServer} or a {@link FrameEchoServer}
     * @return its port
     */
    static int port(Deployable server) {
        return server instanceof FrameEchoServer ? ((FrameEchoServer) server).port() : ((OneClientServer) server).port();
    }

    /**
     * Refuses the combinations that are not served.
     *
     * @throws ParameterException {@code --framing length needs --clients many}, {@code --clients many needs
     *     --framing length} or {@code --max-frame needs --framing length}
     */
    void check() {
        if (framing == Framing.LENGTH && clients == Clients.ONE) {
            throw new ParameterException(spec.commandLine(), "--framing length needs --clients many");
        }
        if (framing == Framing.LINE && clients == Clients.MANY) {
            throw new ParameterException(spec.commandLine(), "--clients many needs --framing length");
        }
        if (framing == Framing.LINE && maxFrameGiven) {
            throw new ParameterException(spec.commandLine(), "--max-frame needs --framing length");
        }
    }

    private <E extends Enum<E>> E choice(Class<E> type, String option, String value, String choices) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " must be " + choices + ", got '" + value + "'");
        }
    }
}
