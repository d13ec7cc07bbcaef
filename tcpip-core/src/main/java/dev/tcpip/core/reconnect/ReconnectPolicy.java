package dev.tcpip.core.reconnect;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to try connecting again: pysocklib redials every 0.5 s forever; this policy starts there and backs
 * off. Immutable; the {@code with...} methods return a changed copy.
 *
 * <p>The delay before retry {@code n} (1 for the first retry after a failed attempt or a lost connection) is
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, then spread by the jitter: multiplied by a factor
 * drawn uniformly from {@code [1 - jitter, 1 + jitter]} (never above {@code maxDelay}), so that many clients
 * that lost the same server do not all come back at once. With the defaults: 0.5 s, 1 s, 2 s, 4 s ... up to
 * 30 s, each within ±20 %.
 *
 * <p>The policy gives up after {@code maxAttempts} failed attempts in a row (0: never), or once
 * {@code deadline} has passed since the series began (zero: never): a series begins at the first failed
 * attempt of a start, or when a connection is lost; a successful connection ends it. The deadline is
 * checked after each failed attempt, so giving up comes at the first failure after it: up to one delay and
 * one connect timeout late. {@link #never()} gives up at the first failure. Each attempt is bounded by
 * {@code connectTimeout}.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code initialDelay}, {@code maxDelay},
 * {@code connectTimeout}, {@code deadline} (seconds, numbers), {@code multiplier}, {@code jitter}
 * (numbers), {@code maxAttempts} (an integer), {@code reconnect} (false for {@link #never()}).
 */
public final class ReconnectPolicy {
    /** pysocklib's fixed redial delay, the first delay here. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
    /** The longest delay between attempts by default. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /** How long one connect attempt may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How much each delay grows by default. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** How much each delay is spread by default: ±20 %. */
    public static final double DEFAULT_JITTER = 0.2;

    private static final ReconnectPolicy DEFAULTS = new ReconnectPolicy(true, DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER,
        DEFAULT_MAX_DELAY, DEFAULT_JITTER, 0, Duration.ZERO, DEFAULT_CONNECT_TIMEOUT);

    private final boolean reconnect;
    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final int maxAttempts;
    private final Duration deadline;
    private final Duration connectTimeout;

    private ReconnectPolicy(boolean reconnect, Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
                            int maxAttempts, Duration deadline, Duration connectTimeout) {
        this.reconnect = reconnect;
        this.initialDelay = positiveOrZero(initialDelay, "initialDelay");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
        this.multiplier = multiplier;
        this.maxDelay = positiveOrZero(maxDelay, "maxDelay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must not be below initialDelay (" + initialDelay + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in 0..1, got " + jitter);
        }
        this.jitter = jitter;
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0 (0: no limit), got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.deadline = positiveOrZero(deadline, "deadline");
        this.connectTimeout = positiveOrZero(connectTimeout, "connectTimeout");
        if (connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be positive and at most " + Integer.MAX_VALUE
                + " ms, got " + connectTimeout);
        }
    }

    /** {@return the default policy: reconnect for ever, 0.5 s doubling up to 30 s, ±20 %, 10 s per attempt} */
    public static ReconnectPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy that never reconnects: the first failed attempt, or a lost connection, is final} */
    public static ReconnectPolicy never() {
        return new ReconnectPolicy(false, DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER,
            0, Duration.ZERO, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Reads a policy from its JSON form; absent keys keep the defaults.
     *
     * @param json the JSON form
     * @return the policy
     * @throws IllegalArgumentException for an invalid value
     */
    public static ReconnectPolicy fromJson(JsonObject json) {
        ReconnectPolicy d = DEFAULTS;
        return new ReconnectPolicy(json.getBoolean("reconnect", true),
            seconds(json, "initialDelay", d.initialDelay), json.getDouble("multiplier", d.multiplier),
            seconds(json, "maxDelay", d.maxDelay), json.getDouble("jitter", d.jitter),
            json.getInteger("maxAttempts", d.maxAttempts), seconds(json, "deadline", d.deadline),
            seconds(json, "connectTimeout", d.connectTimeout));
    }

    /**
     * {@return the JSON form}
     */
    public JsonObject toJson() {
        return new JsonObject().put("reconnect", reconnect).put("initialDelay", seconds(initialDelay))
            .put("multiplier", multiplier).put("maxDelay", seconds(maxDelay)).put("jitter", jitter)
            .put("maxAttempts", maxAttempts).put("deadline", seconds(deadline))
            .put("connectTimeout", seconds(connectTimeout));
    }

    /**
     * {@return a copy whose first delay is this}
     *
     * @param delay zero or positive
     */
    public ReconnectPolicy withInitialDelay(Duration delay) {
        return new ReconnectPolicy(reconnect, delay, multiplier, maxDelay.compareTo(delay) < 0 ? delay : maxDelay,
            jitter, maxAttempts, deadline, connectTimeout);
    }

    /**
     * {@return a copy whose delays grow by this factor}
     *
     * @param factor &gt;= 1 (1: a fixed delay, as pysocklib's)
     */
    public ReconnectPolicy withMultiplier(double factor) {
        return new ReconnectPolicy(reconnect, initialDelay, factor, maxDelay, jitter, maxAttempts, deadline, connectTimeout);
    }

    /**
     * {@return a copy whose delays never exceed this}
     *
     * @param delay at least the initial delay
     */
    public ReconnectPolicy withMaxDelay(Duration delay) {
        return new ReconnectPolicy(reconnect, initialDelay, multiplier, delay, jitter, maxAttempts, deadline, connectTimeout);
    }

    /**
     * {@return a copy whose delays are spread by this fraction}
     *
     * @param fraction 0..1 (0: exact delays)
     */
    public ReconnectPolicy withJitter(double fraction) {
        return new ReconnectPolicy(reconnect, initialDelay, multiplier, maxDelay, fraction, maxAttempts, deadline, connectTimeout);
    }

    /**
     * {@return a copy that gives up after this many failed attempts in a row}
     *
     * @param attempts &gt;= 1, or 0 for no limit
     */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(reconnect, initialDelay, multiplier, maxDelay, jitter, attempts, deadline, connectTimeout);
    }

    /**
     * {@return a copy that gives up at the first failed attempt once this long has passed since the series
     *     began (the first failed attempt of a start, or the lost connection)}
     *
     * @param deadline positive, or zero for none
     */
    public ReconnectPolicy withDeadline(Duration deadline) {
        return new ReconnectPolicy(reconnect, initialDelay, multiplier, maxDelay, jitter, maxAttempts, deadline, connectTimeout);
    }

    /**
     * {@return a copy whose connect attempts each give up after this long}
     *
     * @param timeout positive
     */
    public ReconnectPolicy withConnectTimeout(Duration timeout) {
        return new ReconnectPolicy(reconnect, initialDelay, multiplier, maxDelay, jitter, maxAttempts, deadline, timeout);
    }

    /** {@return whether this policy reconnects at all} */
    public boolean reconnects() {
        return reconnect;
    }

    /** {@return the first delay} */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** {@return the factor each delay grows by} */
    public double multiplier() {
        return multiplier;
    }

    /** {@return the longest delay} */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** {@return the fraction each delay is spread by} */
    public double jitter() {
        return jitter;
    }

    /** {@return the most failed attempts in a row, or 0 for no limit} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return how long a series of failed attempts may last, or zero for no limit} */
    public Duration deadline() {
        return deadline;
    }

    /** {@return how long one connect attempt may take} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The delay before retry {@code n}, as the class description says.
     *
     * @param retry  1 for the first retry of a series
     * @param random a uniform number in [0, 1), such as {@code ThreadLocalRandom.current()::nextDouble}
     * @return the delay
     * @throws IllegalArgumentException if {@code retry} is below 1
     */
    public Duration delayBefore(int retry, DoubleSupplier random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, got " + retry);
        }
        double base = initialDelay.toNanos() * Math.pow(multiplier, retry - 1.0);
        double capped = Math.min(base, maxDelay.toNanos());
        double spread = capped * (1 - jitter + 2 * jitter * random.getAsDouble());
        return Duration.ofNanos(Math.round(Math.min(spread, maxDelay.toNanos())));
    }

    /**
     * Whether to try again after {@code failures} failed attempts in a row, the first of them
     * {@code sinceFirstFailure} ago.
     *
     * @param failures          failed attempts in this series, &gt;= 1
     * @param sinceFirstFailure time since the first of them
     * @return whether another attempt is allowed
     */
    public boolean allowsRetry(int failures, Duration sinceFirstFailure) {
        if (!reconnect) {
            return false;
        }
        if (maxAttempts > 0 && failures >= maxAttempts) {
            return false;
        }
        return deadline.isZero() || sinceFirstFailure.compareTo(deadline) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReconnectPolicy && toJson().equals(((ReconnectPolicy) o).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "ReconnectPolicy" + toJson().encode();
    }

    private static Duration positiveOrZero(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
        return d;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Duration seconds(JsonObject json, String key, Duration otherwise) {
        Number n = json.getNumber(key);
        return n == null ? otherwise : Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
    }
}
