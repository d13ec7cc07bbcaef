package dev.tcpip.mock;

import java.util.Locale;

import static dev.tcpip.mock.MockProtocol.ACCEPTED;
import static dev.tcpip.mock.MockProtocol.AXIS_AZIMUTH;
import static dev.tcpip.mock.MockProtocol.AXIS_BOTH;
import static dev.tcpip.mock.MockProtocol.AXIS_ELEVATION;
import static dev.tcpip.mock.MockProtocol.AZIMUTH_MAX;
import static dev.tcpip.mock.MockProtocol.AZIMUTH_MIN;
import static dev.tcpip.mock.MockProtocol.ELEVATION_MAX;
import static dev.tcpip.mock.MockProtocol.ELEVATION_MIN;
import static dev.tcpip.mock.MockProtocol.MAX_VELOCITY_LIMIT;
import static dev.tcpip.mock.MockProtocol.REJECTED_BAD_VALUE;
import static dev.tcpip.mock.MockProtocol.REJECTED_OUT_OF_RANGE;
import static dev.tcpip.mock.MockProtocol.STATE_IDLE;
import static dev.tcpip.mock.MockProtocol.STATE_MOVING;

/**
 * The simulated mount: two independent axes, azimuth and elevation, that each move straight toward their
 * target at the configured slew velocity (no acceleration), and stop exactly on it. Time is whatever
 * monotonic clock the caller passes, in nanoseconds ({@link System#nanoTime()} in the controller, a fake one
 * in tests); every call first advances the axes to that time.
 *
 * <p>Azimuth is a plain axis from {@value MockProtocol#AZIMUTH_MIN} to {@value MockProtocol#AZIMUTH_MAX}
 * degrees (a cable wrap: no shortcut across 0/360), elevation from {@value MockProtocol#ELEVATION_MIN} to
 * {@value MockProtocol#ELEVATION_MAX}. The mount starts still at azimuth 0, elevation 0.
 *
 * <p>Not thread-safe: the controller uses it on its context only.
 */
public final class Mount {
    /**
     * The outcome of a command: an ack result code and a short text for the ack.
     *
     * @param code {@link MockProtocol#ACCEPTED} or a rejection code
     * @param text what was done, or why not
     */
    public record Result(int code, String text) {
        /**
         * {@return whether the command was accepted}
         */
        public boolean accepted() {
            return code == ACCEPTED;
        }
    }

    private final Axis azimuth = new Axis();
    private final Axis elevation = new Axis();
    private double maxVelocity = MockProtocol.DEFAULT_MAX_VELOCITY;
    private int telemetryHz;
    private long lastNanos;

    /**
     * A still mount at azimuth 0, elevation 0, with the default slew velocity.
     *
     * @param telemetryHz the telemetry rate to report, {@value MockProtocol#TELEMETRY_HZ_MIN} to
     *                    {@value MockProtocol#TELEMETRY_HZ_MAX}
     * @param nowNanos    the monotonic clock now
     * @throws IllegalArgumentException if the rate is out of range
     */
    public Mount(int telemetryHz, long nowNanos) {
        if (!MockProtocol.validTelemetryHz(telemetryHz)) {
            throw new IllegalArgumentException("telemetry rate must be " + MockProtocol.TELEMETRY_HZ_MIN + ".."
                + MockProtocol.TELEMETRY_HZ_MAX + " Hz, got " + telemetryHz);
        }
        this.telemetryHz = telemetryHz;
        this.lastNanos = nowNanos;
    }

    /**
     * Moves the axes on to the given time; a time earlier than the last one changes nothing.
     *
     * @param nowNanos the monotonic clock now
     */
    public void advance(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return;
        }
        lastNanos = nowNanos;
        double step = maxVelocity * (elapsed / 1e9);
        azimuth.advance(step);
        elevation.advance(step);
    }

    /**
     * Sets new targets for both axes, if both are within the limits.
     *
     * @param nowNanos  the monotonic clock now
     * @param az        target azimuth, degrees
     * @param el        target elevation, degrees
     * @return accepted, or {@link MockProtocol#REJECTED_OUT_OF_RANGE} (targets unchanged)
     */
    public Result move(long nowNanos, double az, double el) {
        advance(nowNanos);
        if (!(az >= AZIMUTH_MIN && az <= AZIMUTH_MAX)) {
            return new Result(REJECTED_OUT_OF_RANGE, "azimuth " + number(az) + " outside "
                + number(AZIMUTH_MIN) + ".." + number(AZIMUTH_MAX) + " deg");
        }
        if (!(el >= ELEVATION_MIN && el <= ELEVATION_MAX)) {
            return new Result(REJECTED_OUT_OF_RANGE, "elevation " + number(el) + " outside "
                + number(ELEVATION_MIN) + ".." + number(ELEVATION_MAX) + " deg");
        }
        azimuth.target = az;
        elevation.target = el;
        if (inPosition()) {
            return new Result(ACCEPTED, "already at az " + number(az) + " el " + number(el));
        }
        return new Result(ACCEPTED, "moving to az " + number(az) + " el " + number(el));
    }

    /**
     * Stops axes where they are: their targets become their positions.
     *
     * @param nowNanos the monotonic clock now
     * @param axes     a mask of {@link MockProtocol#AXIS_AZIMUTH} and {@link MockProtocol#AXIS_ELEVATION}
     * @return accepted, or {@link MockProtocol#REJECTED_BAD_VALUE} for an empty mask or unknown bits
     */
    public Result stop(long nowNanos, int axes) {
        advance(nowNanos);
        if (axes == 0 || (axes & ~AXIS_BOTH) != 0) {
            return new Result(REJECTED_BAD_VALUE, "axes mask " + axes + " is not 1, 2 or 3");
        }
        if ((axes & AXIS_AZIMUTH) != 0) {
            azimuth.target = azimuth.position;
        }
        if ((axes & AXIS_ELEVATION) != 0) {
            elevation.target = elevation.position;
        }
        String which = axes == AXIS_BOTH ? "both axes" : axes == AXIS_AZIMUTH ? "azimuth" : "elevation";
        return new Result(ACCEPTED, "stopped " + which + " at az " + number(azimuth.position)
            + " el " + number(elevation.position));
    }

    /**
     * Sets the slew velocity and the telemetry rate, if both are within their limits.
     *
     * @param nowNanos    the monotonic clock now
     * @param velocity    slew velocity, deg/s: above 0, at most {@value MockProtocol#MAX_VELOCITY_LIMIT}
     * @param telemetryHz telemetry rate, Hz
     * @return accepted, or {@link MockProtocol#REJECTED_BAD_VALUE} (nothing changed)
     */
    public Result configure(long nowNanos, double velocity, long telemetryHz) {
        advance(nowNanos);
        if (!(velocity > 0 && velocity <= MAX_VELOCITY_LIMIT)) {
            return new Result(REJECTED_BAD_VALUE, "velocity " + number(velocity) + " outside (0, "
                + number(MAX_VELOCITY_LIMIT) + "] deg/s");
        }
        if (!MockProtocol.validTelemetryHz(telemetryHz)) {
            return new Result(REJECTED_BAD_VALUE, "telemetry rate " + telemetryHz + " outside "
                + MockProtocol.TELEMETRY_HZ_MIN + ".." + MockProtocol.TELEMETRY_HZ_MAX + " Hz");
        }
        this.maxVelocity = velocity;
        this.telemetryHz = (int) telemetryHz;
        return new Result(ACCEPTED, "velocity " + number(velocity) + " deg/s, telemetry " + telemetryHz + " Hz");
    }

    /**
     * Fills a telemetry sample with the state as of the last call (call {@link #advance(long)} first);
     * the counter is the caller's.
     *
     * @param t the sample to fill
     */
    public void fill(Telemetry t) {
        t.azimuth.set(azimuth.position);
        t.elevation.set(elevation.position);
        t.azimuthVelocity.set(azimuth.velocity(maxVelocity));
        t.elevationVelocity.set(elevation.velocity(maxVelocity));
        t.targetAzimuth.set(azimuth.target);
        t.targetElevation.set(elevation.target);
        t.maxVelocity.set(maxVelocity);
        t.telemetryHz.set(telemetryHz);
        t.state.set(state());
        t.inPosition.set(inPosition());
    }

    /**
     * {@return the azimuth, degrees}
     */
    public double azimuth() {
        return azimuth.position;
    }

    /**
     * {@return the elevation, degrees}
     */
    public double elevation() {
        return elevation.position;
    }

    /**
     * {@return the target azimuth, degrees}
     */
    public double targetAzimuth() {
        return azimuth.target;
    }

    /**
     * {@return the target elevation, degrees}
     */
    public double targetElevation() {
        return elevation.target;
    }

    /**
     * {@return the slew velocity, deg/s}
     */
    public double maxVelocity() {
        return maxVelocity;
    }

    /**
     * {@return the telemetry rate, Hz}
     */
    public int telemetryHz() {
        return telemetryHz;
    }

    /**
     * {@return {@link MockProtocol#STATE_MOVING} while an axis is away from its target, else
     *     {@link MockProtocol#STATE_IDLE}}
     */
    public int state() {
        return inPosition() ? STATE_IDLE : STATE_MOVING;
    }

    /**
     * {@return whether both axes are exactly at their targets}
     */
    public boolean inPosition() {
        return azimuth.position == azimuth.target && elevation.position == elevation.target;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** One axis: position and target in degrees. */
    private static final class Axis {
        double position;
        double target;

        void advance(double step) {
            double distance = target - position;
            if (Math.abs(distance) <= step) {
                position = target;
            } else {
                position += Math.signum(distance) * step;
            }
        }

        double velocity(double maxVelocity) {
            return position == target ? 0 : Math.signum(target - position) * maxVelocity;
        }
    }
}
