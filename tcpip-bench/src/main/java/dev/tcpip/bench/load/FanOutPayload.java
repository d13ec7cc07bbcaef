package dev.tcpip.bench.load;

import dev.tcpip.mock.MockProtocol;
import dev.tcpip.mock.Telemetry;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;

/**
 * What the cluster mode sends: telemetry sample number {@code k} of the mock controller's protocol, the same
 * for both publishers. The relay's controller (n) fills a {@link Telemetry} struct with it
 * ({@link #fill}), which the relay publishes as {@code StructJson.toJson} makes it; the bare publisher (o)
 * builds that JSON itself ({@link #json}), the same 11 keys with the same values and types, and wraps it as
 * the relay's {@code SequencedPublisher} does ({@link #envelope}). Also the wall clock that both JVMs stamp
 * messages with ({@link #wallMicros()}).
 */
final class FanOutPayload {
    /** The keys of a telemetry sample's JSON, in the struct's order. */
    static final String[] KEYS = {"counter", "azimuth", "elevation", "azimuth_velocity", "elevation_velocity",
        "target_azimuth", "target_elevation", "max_velocity", "telemetry_hz", "state", "in_position"};

    /**
     * The wall clock that one-way latencies are measured with: {@code CLOCK_REALTIME}, microseconds on Linux
     * (JDK 15 and later). {@code System.nanoTime} is per JVM, so it cannot time a message from one JVM to
     * another; the wall clock can, on one machine, where both JVMs read the same clock.
     */
    private static final Clock WALL = Clock.systemUTC();

    private FanOutPayload() {
    }

    /** {@return the wall clock, in microseconds since the epoch} */
    static long wallMicros() {
        Instant now = WALL.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * Fills a sample with the values of sample {@code k}.
     *
     * @param sample the struct to fill (reused from one message to the next)
     * @param k      its number, from 1: the counter; the relay publishes it with the same {@code seq}
     * @return the same struct
     */
    static Telemetry fill(Telemetry sample, long k) {
        sample.counter.set(k);
        sample.azimuth.set(azimuth(k));
        sample.elevation.set(elevation(k));
        sample.azimuthVelocity.set(velocity(k));
        sample.elevationVelocity.set(-velocity(k));
        sample.targetAzimuth.set(120.25);
        sample.targetElevation.set(45.5);
        sample.maxVelocity.set(MockProtocol.DEFAULT_MAX_VELOCITY);
        sample.telemetryHz.set(MockProtocol.DEFAULT_TELEMETRY_HZ);
        sample.state.set(state(k));
        sample.inPosition.set(state(k) == MockProtocol.STATE_IDLE);
        return sample;
    }

    /**
     * Sample {@code k} as JSON, as {@code StructJson.toJson} gives the struct that {@link #fill} fills: the
     * unsigned 32-bit counter a {@code Long}, the 16-bit ones {@code Integer}s, the doubles, the boolean.
     *
     * @param k its number, from 1
     * @return a new object
     */
    static JsonObject json(long k) {
        return new JsonObject()
            .put("counter", k)
            .put("azimuth", azimuth(k))
            .put("elevation", elevation(k))
            .put("azimuth_velocity", velocity(k))
            .put("elevation_velocity", -velocity(k))
            .put("target_azimuth", 120.25)
            .put("target_elevation", 45.5)
            .put("max_velocity", MockProtocol.DEFAULT_MAX_VELOCITY)
            .put("telemetry_hz", MockProtocol.DEFAULT_TELEMETRY_HZ)
            .put("state", state(k))
            .put("in_position", state(k) == MockProtocol.STATE_IDLE);
    }

    /**
     * The message as published: {@code {"seq": seq, "body": body}}, as the relay's {@code SequencedPublisher}
     * wraps it.
     *
     * @param seq  the sequence number
     * @param body the sample
     * @return a new object
     */
    static JsonObject envelope(long seq, JsonObject body) {
        return new JsonObject().put("seq", seq).put("body", body);
    }

    // Values that change from sample to sample, so that no two messages are the same, with as many digits as
    // a real position has.
    private static double azimuth(long k) {
        return (k % 36_000) / 100.0 + 0.123456789;
    }

    private static double elevation(long k) {
        return 10 + (k % 8_000) / 100.0 + 0.987654321;
    }

    private static double velocity(long k) {
        return (k % 500) / 100.0 + 0.0123;
    }

    private static int state(long k) {
        return (int) (k & 1);
    }
}
