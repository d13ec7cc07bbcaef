package dev.tcpip.mock;

import dev.tcpip.struct.CStruct;

/**
 * Command {@value MockProtocol#STOP}: stop axes where they are. 2 bytes, packed, little-endian:
 * <pre>
 * struct __attribute__((packed)) stop_command {
 *     uint16_t axes;      // bit 0: azimuth, bit 1: elevation; 3 stops both
 * };
 * </pre>
 */
public final class StopCommand extends CStruct {
    /** Size in bytes. */
    public static final int SIZE = 2;

    /** Which axes to stop: {@link MockProtocol#AXIS_AZIMUTH}, {@link MockProtocol#AXIS_ELEVATION}, or both. */
    public final Unsigned16 axes = new Unsigned16();

    /**
     * A zeroed command (axes 0, which the controller rejects: set the axes).
     */
    public StopCommand() {
    }

    /**
     * Makes a stop command for the given axes.
     *
     * @param axes a mask of {@link MockProtocol#AXIS_AZIMUTH} and {@link MockProtocol#AXIS_ELEVATION}
     * @return a filled command
     */
    public static StopCommand of(int axes) {
        StopCommand s = new StopCommand();
        s.axes.set(axes);
        return s;
    }
}
