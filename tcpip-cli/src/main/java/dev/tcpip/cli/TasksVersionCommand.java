package dev.tcpip.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code tasks version} command: prints the toolkit's version, the jar manifest's
 * {@code Implementation-Version}, or else (classes not run from the jar) the Maven project version that the
 * build wrote into the resource {@value #RESOURCE}.
 */
@Command(name = "version",
    description = "Prints the toolkit's version on stdout.",
    exitCodeList = {"0:printed; --help", "2:bad arguments"})
public final class TasksVersionCommand implements Callable<Integer> {
    /** The resource, filtered by the build, whose {@code version} is the project's version. */
    static final String RESOURCE = "/dev/tcpip/cli/version.properties";

    @Spec
    CommandSpec spec;

    /** Creates the command. */
    public TasksVersionCommand() {
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(version());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@return the toolkit's version: the manifest's, else the build's resource's} */
    static String version() {
        String fromManifest = TasksVersionCommand.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        return resourceVersion();
    }

    /** {@return the version in {@value #RESOURCE}} */
    static String resourceVersion() {
        try (InputStream in = TasksVersionCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
