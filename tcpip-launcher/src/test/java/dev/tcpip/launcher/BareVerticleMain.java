package dev.tcpip.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A program for the launcher's tests: a bare Vert.x byte echo, not a OneClientServer, run by the launcher. */
public final class BareVerticleMain {
    private BareVerticleMain() {
    }

    /** No options of its own; its factory refuses port 7, the echo protocol's, as a bad command line. */
    @Command(description = "Echoes bytes.")
    static final class Options {
        @Spec
        CommandSpec spec;

        ByteEcho server(ListenAddress at) {
            if (at.port() == 7) {
                throw new ParameterException(spec.commandLine(), "--port 7 is the echo protocol's; give another");
            }
            return new ByteEcho(at);
        }
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
        Options options = new Options();
        ServerLauncher.program("bare-echo").launch(args, options, options::server, ByteEcho::port);
    }
}
