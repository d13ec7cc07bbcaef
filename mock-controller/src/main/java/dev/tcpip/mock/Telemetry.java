package dev.tcpip.mock;

import dev.tcpip.struct.CStruct;

/**
 * Message {@value MockProtocol#TELEMETRY}: the mount's state, sent at the telemetry rate while a client is
 * connected. 65 bytes, packed, little-endian:
 * <pre>
 * struct __attribute__((packed)) telemetry {
 *     uint32_t counter;              // 1 for this connection's first sample, then +1 per sample
 *     double   azimuth;              // degrees
 *     double   elevation;            // degrees
 *     double   azimuth_velocity;     // deg/s, signed; 0 when the axis is still
 *     double   elevation_velocity;   // deg/s, signed
 *     double   target_azimuth;       // degrees
 *     double   target_elevation;     // degrees
 *     double   max_velocity;         // configured slew velocity, deg/s
 *     uint16_t telemetry_hz;         // configured telemetry rate, Hz
 *     uint16_t state;                // 0 idle, 1 moving
 *     bool     in_position;          // 1 when both axes are at their targets
 * };
 * </pre>
 */
public final class Telemetry extends CStruct {
    /** Size in bytes. */
    public static final int SIZE = 65;

    /** Samples sent on this connection, this one included. */
    public final Unsigned32 counter = new Unsigned32();
    /** Azimuth, degrees. */
    public final Float64 azimuth = new Float64();
    /** Elevation, degrees. */
    public final Float64 elevation = new Float64();
    /** Azimuth velocity, deg/s. */
    public final Float64 azimuthVelocity = new Float64();
    /** Elevation velocity, deg/s. */
    public final Float64 elevationVelocity = new Float64();
    /** Target azimuth, degrees. */
    public final Float64 targetAzimuth = new Float64();
    /** Target elevation, degrees. */
    public final Float64 targetElevation = new Float64();
    /** Configured slew velocity, deg/s. */
    public final Float64 maxVelocity = new Float64();
    /** Configured telemetry rate, Hz. */
    public final Unsigned16 telemetryHz = new Unsigned16();
    /** {@link MockProtocol#STATE_IDLE} or {@link MockProtocol#STATE_MOVING}. */
    public final Unsigned16 state = new Unsigned16();
    /** Whether both axes are at their targets. */
    public final Bool inPosition = new Bool();

    /**
     * A zeroed sample.
     */
    public Telemetry() {
    }
}
