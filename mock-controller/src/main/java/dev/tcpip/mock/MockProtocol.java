package dev.tcpip.mock;

import dev.tcpip.struct.message.MessageProtocol;
import dev.tcpip.struct.message.StandardHeader;

/**
 * The mock controller's wire protocol: every message is a 20-byte {@link StandardHeader} followed by the body
 * struct its {@code message_id} names; all packed, little-endian. docs/structs.md ("The mock telescope
 * controller") describes it for peers in other languages, and a test checks that page against these structs.
 *
 * <table>
 *   <caption>Messages</caption>
 *   <tr><th>id</th><th>body</th><th>direction</th></tr>
 *   <tr><td>{@value #MOVE}</td><td>{@link MoveCommand}</td><td>client to controller</td></tr>
 *   <tr><td>{@value #STOP}</td><td>{@link StopCommand}</td><td>client to controller</td></tr>
 *   <tr><td>{@value #CONFIGURE}</td><td>{@link ConfigureCommand}</td><td>client to controller</td></tr>
 *   <tr><td>{@value #ACK}</td><td>{@link Ack}</td><td>controller to client, one per command</td></tr>
 *   <tr><td>{@value #TELEMETRY}</td><td>{@link Telemetry}</td><td>controller to client, at the telemetry rate</td></tr>
 * </table>
 */
public final class MockProtocol {
    /** Message id of {@link MoveCommand}. */
    public static final int MOVE = 1;
    /** Message id of {@link StopCommand}. */
    public static final int STOP = 2;
    /** Message id of {@link ConfigureCommand}. */
    public static final int CONFIGURE = 3;
    /** Message id of {@link Ack}. */
    public static final int ACK = 100;
    /** Message id of {@link Telemetry}. */
    public static final int TELEMETRY = 200;

    /** Ack result: the command was accepted and acted on. */
    public static final int ACCEPTED = 0;
    /** Ack result: a move target outside the axis limits (or not a number). */
    public static final int REJECTED_OUT_OF_RANGE = 1;
    /** Ack result: a bad parameter: velocity, telemetry rate or stop axes. */
    public static final int REJECTED_BAD_VALUE = 2;
    /** Ack result: the message id is not a command. */
    public static final int REJECTED_UNKNOWN_COMMAND = 3;
    /** Ack result: the header's body_size is not the command's struct size. */
    public static final int REJECTED_BAD_SIZE = 4;

    /** Telemetry state: both axes still. */
    public static final int STATE_IDLE = 0;
    /** Telemetry state: at least one axis moving toward its target. */
    public static final int STATE_MOVING = 1;

    /** Stop mask bit: azimuth. */
    public static final int AXIS_AZIMUTH = 1;
    /** Stop mask bit: elevation. */
    public static final int AXIS_ELEVATION = 2;
    /** Stop mask: both axes. */
    public static final int AXIS_BOTH = AXIS_AZIMUTH | AXIS_ELEVATION;

    /** Lowest azimuth, degrees. */
    public static final double AZIMUTH_MIN = 0;
    /** Highest azimuth, degrees. */
    public static final double AZIMUTH_MAX = 360;
    /** Lowest elevation, degrees. */
    public static final double ELEVATION_MIN = 0;
    /** Highest elevation, degrees. */
    public static final double ELEVATION_MAX = 90;
    /** Highest slew velocity, deg/s (the lowest is anything above 0). */
    public static final double MAX_VELOCITY_LIMIT = 50;
    /** Slew velocity until configured, deg/s. */
    public static final double DEFAULT_MAX_VELOCITY = 10;
    /** Lowest telemetry rate, Hz. */
    public static final int TELEMETRY_HZ_MIN = 1;
    /** Highest telemetry rate, Hz. */
    public static final int TELEMETRY_HZ_MAX = 100;
    /** Telemetry rate until configured, Hz. */
    public static final int DEFAULT_TELEMETRY_HZ = 50;

    /** Header + body of every message above, for the controller and its clients alike. */
    public static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(MOVE, MoveCommand.class, MoveCommand::new)
        .register(STOP, StopCommand.class, StopCommand::new)
        .register(CONFIGURE, ConfigureCommand.class, ConfigureCommand::new)
        .register(ACK, Ack.class, Ack::new)
        .register(TELEMETRY, Telemetry.class, Telemetry::new)
        .build();

    private MockProtocol() {
    }

    /**
     * Names a message id, for logs and reports.
     *
     * @param id a message id
     * @return its name ("move", "stop", "configure", "ack", "telemetry") or "id N"
     */
    public static String messageName(long id) {
        switch ((int) Math.min(id, Integer.MAX_VALUE)) {
            case MOVE: return "move";
            case STOP: return "stop";
            case CONFIGURE: return "configure";
            case ACK: return "ack";
            case TELEMETRY: return "telemetry";
            default: return "id " + id;
        }
    }

    /**
     * Names an ack result code, for logs and reports.
     *
     * @param result an ack result code
     * @return its name, e.g. "ACCEPTED", "REJECTED_OUT_OF_RANGE", or "RESULT_N"
     */
    public static String resultName(int result) {
        switch (result) {
            case ACCEPTED: return "ACCEPTED";
            case REJECTED_OUT_OF_RANGE: return "REJECTED_OUT_OF_RANGE";
            case REJECTED_BAD_VALUE: return "REJECTED_BAD_VALUE";
            case REJECTED_UNKNOWN_COMMAND: return "REJECTED_UNKNOWN_COMMAND";
            case REJECTED_BAD_SIZE: return "REJECTED_BAD_SIZE";
            default: return "RESULT_" + result;
        }
    }

    /**
     * Names a telemetry state, for logs and reports.
     *
     * @param state a telemetry state
     * @return "IDLE", "MOVING" or "STATE_N"
     */
    public static String stateName(int state) {
        switch (state) {
            case STATE_IDLE: return "IDLE";
            case STATE_MOVING: return "MOVING";
            default: return "STATE_" + state;
        }
    }

    /**
     * Tells whether a telemetry rate is within {@value #TELEMETRY_HZ_MIN} to {@value #TELEMETRY_HZ_MAX} Hz.
     *
     * @param hz a telemetry rate
     * @return whether the controller accepts it
     */
    public static boolean validTelemetryHz(long hz) {
        return hz >= TELEMETRY_HZ_MIN && hz <= TELEMETRY_HZ_MAX;
    }
}
