package dev.tcpip.cluster.demo;

import dev.tcpip.launcher.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code java -jar tcpip-cluster/target/tcpip-cluster.jar COMMAND [options]}: the scale-out demo over the mock
 * telescope controller. {@code relay} ({@link RelayCommand}) connects to the controller and publishes its
 * telemetry on an event-bus address; {@code subscribe} ({@link SubscribeCommand}) prints what is published
 * there; {@code command} ({@link CommandCommand}) sends the controller a command through the relay. Each
 * joins the cluster first (the cluster options: {@link ClusterArgs}), prints {@code joined cluster NAME} as its
 * first line on stdout, logs on stderr, and leaves the cluster on SIGTERM or Ctrl-C.
 */
public final class Main {
    /** The program's name, which starts its error messages. */
    public static final String PROGRAM = "tcpip-cluster";
    /** How the user runs it, as the usage shows it. */
    public static final String COMMAND = "java -jar tcpip-cluster.jar";

    private Main() {
    }

    /** {@return the program's command line, with its commands} */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Program());
        cl.getCommandSpec().name(COMMAND);
        cl.addSubcommand(new CommandLine(new RelayCommand()));
        cl.addSubcommand(new CommandLine(new SubscribeCommand()));
        cl.addSubcommand(new CommandLine(new CommandCommand()));
        return CommandLines.configure(cl, PROGRAM);
    }

    /**
     * Runs the command given; see the class description and {@code --help}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The program itself, without a command: a bad command line. */
    @Command(description = "The scale-out demo: the mock telescope controller's telemetry relayed onto the clustered"
        + " Vert.x event bus ('relay'), printed on any node ('subscribe'), and commands sent back through the relay"
        + " ('command'). Every command takes the cluster options --cluster-name NAME (default tcpip),"
        + " --cluster-host H (default 127.0.0.1), --cluster-port P (default 5701) and --members H:P[,H:P...]"
        + " (default 127.0.0.1:5701).",
        footer = "Logs go to stderr; java -Dtcpip.log.level=DEBUG -jar tcpip-cluster.jar ... logs more.",
        exitCodeList = {"0:after --help", "2:bad arguments (no command, an unknown one...)"})
    static final class Program implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "a command is needed: relay, subscribe or command");
        }
    }
}
