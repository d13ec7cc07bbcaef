package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.ClusterOptions;
import dev.tcpip.launcher.CommandLines;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.List;

/** The cluster options every command of the demo takes: {@code --cluster-name}, {@code --cluster-host}, {@code --cluster-port}, {@code --members}. */
public final class ClusterArgs {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private final ClusterOptions options = new ClusterOptions();

    /** Creates the options with the defaults; picocli sets what the command line gives. */
    public ClusterArgs() {
    }

    @Option(names = "--cluster-name", paramLabel = "NAME", order = 20,
        description = "the cluster to join (default " + ClusterOptions.DEFAULT_CLUSTER_NAME + ")")
    void clusterName(String value) {
        try {
            options.setClusterName(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cluster-name must not be empty");
        }
    }

    @Option(names = "--cluster-host", paramLabel = "H", order = 21,
        description = "this node's address, for Hazelcast and the event bus (default " + ClusterOptions.DEFAULT_HOST + ")")
    void clusterHost(String value) {
        options.setHost(CommandLines.parseHost(spec, value));
    }

    @Option(names = "--cluster-port", paramLabel = "P", order = 22,
        description = "this node's Hazelcast port, 1..65535 (default " + ClusterOptions.DEFAULT_PORT + ")")
    void clusterPort(String value) {
        options.setPort(CommandLines.parseInt(spec, "--cluster-port", value, 1, 65535));
    }

    @Option(names = "--members", paramLabel = "H:P[,H:P...]", order = 23,
        description = "the members to join through (default 127.0.0.1:5701)")
    void members(String value) {
        List<String> list = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        try {
            options.setMembers(list);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--members: " + e.getMessage());
        }
    }

    /** {@return the cluster options the command line gives} */
    public ClusterOptions options() {
        return new ClusterOptions(options);
    }
}
