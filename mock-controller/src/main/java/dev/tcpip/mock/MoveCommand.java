package dev.tcpip.mock;

import dev.tcpip.struct.CStruct;

/**
 * Command {@value MockProtocol#MOVE}: slew both axes to a position. 16 bytes, packed, little-endian:
 * <pre>
 * struct __attribute__((packed)) move_command {
 *     double azimuth;     // target azimuth, degrees, 0 to 360
 *     double elevation;   // target elevation, degrees, 0 to 90
 * };
 * </pre>
 */
public final class MoveCommand extends CStruct {
    /** Size in bytes. */
    public static final int SIZE = 16;

    /** Target azimuth in degrees, {@value MockProtocol#AZIMUTH_MIN} to {@value MockProtocol#AZIMUTH_MAX}. */
    public final Float64 azimuth = new Float64();
    /** Target elevation in degrees, {@value MockProtocol#ELEVATION_MIN} to {@value MockProtocol#ELEVATION_MAX}. */
    public final Float64 elevation = new Float64();

    /**
     * A zeroed command.
     */
    public MoveCommand() {
    }

    /**
     * Makes a move command with both targets set. The values are not checked here; the controller rejects
     * targets out of range in its ack.
     *
     * @param azimuth   target azimuth, degrees
     * @param elevation target elevation, degrees
     * @return a filled command
     */
    public static MoveCommand of(double azimuth, double elevation) {
        MoveCommand m = new MoveCommand();
        m.azimuth.set(azimuth);
        m.elevation.set(elevation);
        return m;
    }
}
