package dev.tcpip.mock;

import dev.tcpip.struct.CStruct;

/**
 * Command {@value MockProtocol#CONFIGURE}: set the slew velocity and the telemetry rate. 10 bytes, packed,
 * little-endian:
 * <pre>
 * struct __attribute__((packed)) configure_command {
 *     double   max_velocity;   // slew velocity of each axis, deg/s, above 0 and at most 50
 *     uint16_t telemetry_hz;   // telemetry messages per second, 1 to 100
 * };
 * </pre>
 */
public final class ConfigureCommand extends CStruct {
    /** Size in bytes. */
    public static final int SIZE = 10;

    /** Slew velocity of each axis in deg/s. */
    public final Float64 maxVelocity = new Float64();
    /** Telemetry messages per second. */
    public final Unsigned16 telemetryHz = new Unsigned16();

    /**
     * A zeroed command (which the controller rejects: set both fields).
     */
    public ConfigureCommand() {
    }

    /**
     * Makes a configure command with both fields set. The values are not checked here; the controller checks
     * them and rejects bad ones in its ack.
     *
     * @param maxVelocity slew velocity, deg/s
     * @param telemetryHz telemetry rate, Hz
     * @return a filled command
     */
    public static ConfigureCommand of(double maxVelocity, int telemetryHz) {
        ConfigureCommand c = new ConfigureCommand();
        c.maxVelocity.set(maxVelocity);
        c.telemetryHz.set(telemetryHz);
        return c;
    }
}
