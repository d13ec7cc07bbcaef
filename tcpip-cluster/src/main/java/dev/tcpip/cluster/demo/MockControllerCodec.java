package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.relay.RelayCodec;
import dev.tcpip.mock.ConfigureCommand;
import dev.tcpip.mock.MockProtocol;
import dev.tcpip.mock.MoveCommand;
import dev.tcpip.mock.StopCommand;
import dev.tcpip.struct.StructJson;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.StandardHeader;
import io.vertx.core.json.JsonObject;
import javolution.io.Struct;

import java.util.List;

/**
 * The mock telescope controller's protocol ({@code mock-controller}, docs/structs.md) for a
 * {@link dev.tcpip.cluster.relay.StructRelay}: telemetry samples are published as the JSON of their struct
 * ({@code {"counter": 7, "azimuth": 0.5, ..., "in_position": false}}, the C names), acks are the replies
 * ({@code {"command_id": 1, "command_sequence": 1, "result": 0, "text": "moving to az 120.000 el 45.000"}}),
 * and commands are JSON:
 * <ul>
 *   <li>{@code {"command": "move", "azimuth": 120, "elevation": 45}} (both required);</li>
 *   <li>{@code {"command": "stop"}}, or with {@code "axes"}: 1 azimuth, 2 elevation, 3 both (the default);</li>
 *   <li>{@code {"command": "configure", "max_velocity": 10, "telemetry_hz": 50}} (both required).</li>
 * </ul>
 * Any other key, a missing one, or a value out of its field's range is refused with the reason.
 */
public final class MockControllerCodec implements RelayCodec<StandardHeader> {
    /** Makes the codec. */
    public MockControllerCodec() {
    }

    @Override
    public boolean isReply(Message<StandardHeader> message) {
        return message.id() == MockProtocol.ACK;
    }

    @Override
    public JsonObject toEvent(Message<StandardHeader> message) {
        return message.id() == MockProtocol.TELEMETRY ? StructJson.toJson(message.body()) : null;
    }

    @Override
    public JsonObject toReply(Message<StandardHeader> reply) {
        return StructJson.toJson(reply.body());
    }

    @Override
    public Struct toCommand(JsonObject command) {
        Object name = command.getValue("command");
        JsonObject fields = command.copy();
        fields.remove("command");
        if ("move".equals(name)) {
            require(fields, "move", List.of("azimuth", "elevation"));
            return StructJson.fill(new MoveCommand(), fields);
        }
        if ("stop".equals(name)) {
            StopCommand stop = new StopCommand();
            stop.axes.set(MockProtocol.AXIS_BOTH);
            return StructJson.fill(stop, fields);
        }
        if ("configure".equals(name)) {
            require(fields, "configure", List.of("max_velocity", "telemetry_hz"));
            return StructJson.fill(new ConfigureCommand(), fields);
        }
        throw new IllegalArgumentException("\"command\" must be \"move\", \"stop\" or \"configure\", got "
            + (name == null ? "none" : "'" + name + "'"));
    }

    private static void require(JsonObject fields, String command, List<String> keys) {
        for (String key : keys) {
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException(command + " needs \"" + String.join("\" and \"", keys) + "\"; \""
                    + key + "\" is missing");
            }
        }
    }
}
