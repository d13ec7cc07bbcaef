package dev.tcpip.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import picocli.CommandLine.Command;

/** A program for the launcher's tests: a bare Vert.x byte echo, not a OneClientServer, run by the launcher. */
public final class BareVerticleMain {
    private BareVerticleMain() {
    }

    /** No options of its own. */
    @Command(description = "Echoes bytes.")
    static final class Options {
    }

    /** A verticle with a port. */
    static final class ByteEcho extends VerticleBase {
        private final ListenAddress at;
        private NetServer server;

        ByteEcho(ListenAddress at) {
            this.at = at;
        }

        @Override
        public Future<?> start() {
            server = vertx.createNetServer().connectHandler(socket -> socket.handler(socket::write));
            return server.listen(at.port(), at.host());
        }

        int port() {
            return server.actualPort();
        }
    }

    /**
     * Runs the echo.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        ServerLauncher.program("bare-echo").launch(args, new Options(), ByteEcho::new, ByteEcho::port);
    }
}
