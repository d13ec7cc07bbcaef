package dev.tcpip.mock;

import org.junit.jupiter.api.Test;

import static dev.tcpip.mock.MockProtocol.ACCEPTED;
import static dev.tcpip.mock.MockProtocol.REJECTED_BAD_VALUE;
import static dev.tcpip.mock.MockProtocol.REJECTED_OUT_OF_RANGE;
import static dev.tcpip.mock.MockProtocol.STATE_IDLE;
import static dev.tcpip.mock.MockProtocol.STATE_MOVING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated mount on a fake monotonic clock: exact positions, no real time involved. */
class MountTest {
    private static final long T0 = 1_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final double EPS = 1e-9;

    private final Mount mount = new Mount(50, T0);

    @Test
    void startsStillAtZeroWithTheDefaults() {
        assertEquals(0, mount.azimuth());
        assertEquals(0, mount.elevation());
        assertEquals(STATE_IDLE, mount.state());
        assertTrue(mount.inPosition());
        assertEquals(MockProtocol.DEFAULT_MAX_VELOCITY, mount.maxVelocity());
        assertEquals(50, mount.telemetryHz());
        assertThrows(IllegalArgumentException.class, () -> new Mount(0, T0));
        assertThrows(IllegalArgumentException.class, () -> new Mount(101, T0));
    }

    @Test
    void axesMoveTowardTheirTargetsAtTheSlewVelocityAndStopOnThem() {
        Mount.Result r = mount.move(T0, 120, 45);
        assertEquals(ACCEPTED, r.code());
        assertEquals("moving to az 120.000 el 45.000", r.text());
        assertEquals(STATE_MOVING, mount.state());

        mount.advance(T0 + SECOND);                      // 10 deg/s for 1 s
        assertEquals(10, mount.azimuth(), EPS);
        assertEquals(10, mount.elevation(), EPS);
        Telemetry t = new Telemetry();
        mount.fill(t);
        assertEquals(10, t.azimuthVelocity.get());
        assertEquals(10, t.elevationVelocity.get());
        assertEquals(120, t.targetAzimuth.get());
        assertEquals(STATE_MOVING, t.state.get());
        assertFalse(t.inPosition.get());

        mount.advance(T0 + 5 * SECOND);                  // elevation arrives at 4.5 s, azimuth goes on
        assertEquals(50, mount.azimuth(), EPS);
        assertEquals(45, mount.elevation());
        mount.fill(t);
        assertEquals(0, t.elevationVelocity.get());
        assertEquals(STATE_MOVING, t.state.get());

        mount.advance(T0 + 13 * SECOND);
        assertEquals(120, mount.azimuth(), "stops exactly on the target");
        mount.fill(t);
        assertEquals(0, t.azimuthVelocity.get());
        assertEquals(STATE_IDLE, t.state.get());
        assertTrue(t.inPosition.get());
    }

    @Test
    void velocityIsSignedTowardTheTarget() {
        mount.move(T0, 100, 80);
        mount.advance(T0 + 10 * SECOND);
        mount.move(T0 + 10 * SECOND, 0, 90);
        Telemetry t = new Telemetry();
        mount.fill(t);
        assertEquals(-10, t.azimuthVelocity.get());
        assertEquals(10, t.elevationVelocity.get());
        mount.advance(T0 + 11 * SECOND);
        assertEquals(90, mount.azimuth(), EPS);
        assertEquals(90, mount.elevation(), EPS);
    }

    @Test
    void outOfRangeTargetsAreRejectedAndChangeNothing() {
        mount.move(T0, 10, 10);
        for (double[] target : new double[][] {{400, 45}, {-0.001, 45}, {360.001, 0}, {10, 90.5}, {10, -1},
            {Double.NaN, 45}, {45, Double.NaN}, {Double.POSITIVE_INFINITY, 0}}) {
            Mount.Result r = mount.move(T0, target[0], target[1]);
            assertEquals(REJECTED_OUT_OF_RANGE, r.code(), () -> target[0] + ", " + target[1]);
            assertEquals(10, mount.targetAzimuth());
            assertEquals(10, mount.targetElevation());
        }
        assertEquals("azimuth 400.000 outside 0.000..360.000 deg", mount.move(T0, 400, 0).text());
        assertEquals(ACCEPTED, mount.move(T0, 360, 90).code(), "the limits are inclusive");
        assertEquals(ACCEPTED, mount.move(T0, 0, 0).code());
    }

    @Test
    void stopFreezesTheChosenAxesWhereTheyAre() {
        mount.move(T0, 100, 80);
        Mount.Result r = mount.stop(T0 + 2 * SECOND, MockProtocol.AXIS_AZIMUTH);
        assertEquals(ACCEPTED, r.code());
        assertEquals("stopped azimuth at az 20.000 el 20.000", r.text());
        assertEquals(20, mount.targetAzimuth(), EPS);
        assertEquals(80, mount.targetElevation());
        mount.stop(T0 + 3 * SECOND, MockProtocol.AXIS_BOTH);
        assertEquals(20, mount.azimuth(), EPS);
        assertEquals(30, mount.elevation(), EPS);
        assertEquals(STATE_IDLE, mount.state());
        assertTrue(mount.inPosition());
        assertEquals(REJECTED_BAD_VALUE, mount.stop(T0, 0).code());
        assertEquals(REJECTED_BAD_VALUE, mount.stop(T0, 4).code());
        assertEquals(REJECTED_BAD_VALUE, mount.stop(T0, 7).code());
    }

    @Test
    void configureChecksBothValuesAndAppliesThemAtOnce() {
        for (double velocity : new double[] {0, -1, 50.001, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals(REJECTED_BAD_VALUE, mount.configure(T0, velocity, 10).code(), "velocity " + velocity);
        }
        for (long hz : new long[] {0, 101, 65535}) {
            assertEquals(REJECTED_BAD_VALUE, mount.configure(T0, 20, hz).code(), "rate " + hz);
        }
        assertEquals(MockProtocol.DEFAULT_MAX_VELOCITY, mount.maxVelocity(), "nothing changed");
        assertEquals(50, mount.telemetryHz());

        mount.move(T0, 100, 0);
        mount.advance(T0 + SECOND);                      // 10 deg at 10 deg/s
        Mount.Result r = mount.configure(T0 + SECOND, 50, 100);
        assertEquals(ACCEPTED, r.code());
        assertEquals("velocity 50.000 deg/s, telemetry 100 Hz", r.text());
        mount.advance(T0 + 2 * SECOND);                  // then 50 deg at 50 deg/s
        assertEquals(60, mount.azimuth(), EPS);
        assertEquals(100, mount.telemetryHz());
    }

    @Test
    void aClockGoingBackwardsMovesNothing() {
        mount.move(T0, 100, 0);
        mount.advance(T0 + SECOND);
        mount.advance(T0);
        assertEquals(10, mount.azimuth(), EPS);
        mount.advance(T0 + 2 * SECOND);
        assertEquals(20, mount.azimuth(), EPS);
    }

    @Test
    void aMoveToWhereItIsSaysSo() {
        assertEquals("already at az 0.000 el 0.000", mount.move(T0, 0, 0).text());
    }
}
