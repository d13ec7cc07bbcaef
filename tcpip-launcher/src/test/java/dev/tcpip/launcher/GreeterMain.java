package dev.tcpip.launcher;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * A program for the launcher's tests: a one-client server that answers each line with a greeting, with an
 * option of its own and a subcommand.
 */
public final class GreeterMain {
    private GreeterMain() {
    }

    /** The program's own options. */
    @Command(description = "Answers each line a client sends with the greeting and the line.", subcommands = Ping.class,
        footer = "java -Dlog.level=DEBUG logs more.")
    static final class Options {
        @Option(names = "--greeting", paramLabel = "TEXT", description = "the word before each line (default hello)")
        String greeting = "hello";
    }

    /** A subcommand that runs instead of the server. */
    @Command(name = "ping", description = "Prints pong and exits with status 7.")
    static final class Ping implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println("pong");
            return 7;
        }
    }

    /** The server: "greeting line" for each line. */
    static final class Greeter extends OneClientReadLoopServer {
        private final String greeting;

        Greeter(ListenAddress at, String greeting) {
            super(new ServerOptions().setName("greeter").setHost(at.host()).setPort(at.port()));
            this.greeting = greeting;
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(line -> writeStr(greeting + " " + line));
        }
    }

    /** The launcher as the program configures it. */
    static ServerLauncher launcher() {
        return ServerLauncher.program("greeter").title("greeter").runningLine("Greeter running on port ").defaultPort(5055);
    }

    /**
     * Runs the greeter.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Options options = new Options();
        launcher().launch(args, options, at -> new Greeter(at, options.greeting));
    }
}
