package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.cluster.bridge.BridgeServer;
import dev.tcpip.cluster.bridge.BridgeServerOptions;
import dev.tcpip.cluster.relay.RelayOptions;
import dev.tcpip.cluster.relay.StructRelay;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.launcher.CommandLines;
import dev.tcpip.mock.MockProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** {@code relay}: the mock controller's telemetry onto an address, commands from {@code ADDRESS.commands}. */
@Command(name = "relay",
    customSynopsis = {Main.COMMAND + " relay --controller HOST:PORT --address A [--bridge-port P]",
        "           [--bridge-host H] [--bridge-max-frame B] [cluster options]"},
    description = {
        "Connects to the mock telescope controller (reconnecting whenever it goes away), publishes each"
            + " telemetry sample on address A as {\"seq\": n, \"body\": {...}} (seq 1, 2, 3... for this run, going"
            + " on across reconnections), and takes move/stop/configure commands as JSON on A.commands, answering"
            + " each with the controller's ack.",
        "",
        "stdout: \"joined cluster NAME\" once joined; with --bridge-port, then \"bridge listening on port N\"."},
    exitCodeList = {"0:stopped by SIGTERM or Ctrl-C, having left the cluster; --help", "1:cannot join the cluster,"
        + " or the bridge cannot listen", "2:bad arguments"})
final class RelayCommand implements Callable<Integer> {
    /** The line printed once the bridge listens, before its port. */
    static final String BRIDGE_LISTENING = "bridge listening on port ";
    /** The relay's reconnect policy: 0.2 s, doubling to at most 2 s, forever. */
    static final ReconnectPolicy RECONNECT = ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(200))
        .withMaxDelay(Duration.ofSeconds(2));

    @Spec
    CommandSpec spec;
    @Mixin
    ClusterArgs cluster;

    private String controllerHost;
    private int controllerPort;
    private String address;
    private Integer bridgePort;
    private String bridgeHost = "127.0.0.1";
    private int bridgeMaxFrame = BridgeServerOptions.DEFAULT_MAX_FRAME_LENGTH;

    @Option(names = "--controller", paramLabel = "HOST:PORT", required = true, order = 1,
        description = "the mock telescope controller")
    void controller(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new ParameterException(spec.commandLine(), "--controller must be HOST:PORT, got '" + value + "'");
        }
        controllerHost = CommandLines.parseHost(spec, value.substring(0, colon));
        controllerPort = CommandLines.parseInt(spec, "--controller's port", value.substring(colon + 1), 1, 65535);
    }

    @Option(names = "--address", paramLabel = "A", required = true, order = 2,
        description = "the event-bus address to publish on; commands are taken on A.commands")
    void address(String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--address must not be empty");
        }
        address = value.trim();
    }

    @Option(names = "--bridge-port", paramLabel = "P", order = 3,
        description = "open Vert.x's TCP event-bus bridge on this port (0: a free one), for A and A.commands only")
    void bridgePort(String value) {
        bridgePort = CommandLines.parseInt(spec, "--bridge-port", value, 0, 65535);
    }

    @Option(names = "--bridge-host", paramLabel = "H", order = 4,
        description = "the bridge's address (default 127.0.0.1: its clients are not authenticated)")
    void bridgeHost(String value) {
        bridgeHost = CommandLines.parseHost(spec, value);
    }

    @Option(names = "--bridge-max-frame", paramLabel = "B", order = 5,
        description = "the largest frame the bridge reads, in bytes (default 65536)")
    void bridgeMaxFrame(String value) {
        bridgeMaxFrame = CommandLines.parseInt(spec, "--bridge-max-frame", value, 64, 16 * 1024 * 1024);
    }

    @Override
    public Integer call() {
        String program = Main.PROGRAM + " relay";
        ClusterNode node = ClusterRun.join(program, cluster.options());
        if (node == null) {
            return 1;
        }
        ClusterRun.printJoined(System.out, node);
        StructRelay<?> relay = StructRelay.create(node.vertx(), new RelayOptions().setControllerHost(controllerHost)
            .setControllerPort(controllerPort).setAddress(address).setReconnect(RECONNECT).setName("relay " + address),
            MockProtocol.PROTOCOL, new MockControllerCodec());
        try {
            ClusterRun.await(relay.start(), ClusterRun.JOIN_TIMEOUT);
            if (bridgePort != null) {
                BridgeServer bridge = ClusterRun.await(BridgeServer.start(node.vertx(), new BridgeServerOptions()
                    .setHost(bridgeHost).setPort(bridgePort).setMaxFrameLength(bridgeMaxFrame)
                    .setInbound(List.of(address + RelayOptions.COMMANDS_SUFFIX)).setOutbound(List.of(address))),
                    ClusterRun.JOIN_TIMEOUT);
                System.out.println(BRIDGE_LISTENING + bridge.port());
                System.out.flush();
            }
        } catch (ExecutionException | TimeoutException e) {
            System.err.println(program + ": " + ClusterRun.reason(e instanceof ExecutionException ? e.getCause() : e));
            System.err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        ClusterRun.runUntilStopped();
        return 0;
    }
}
