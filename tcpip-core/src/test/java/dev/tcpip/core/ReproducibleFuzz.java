package dev.tcpip.core;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.nio.file.Path;

/**
 * Seed handling of the fuzz properties ({@code @AddLifecycleHook(ReproducibleFuzz.class)} on the container).
 *
 * <p>Every run draws a new random seed, so CI keeps exploring. A failing property fails with an
 * {@link AssertionError} whose message starts with the seed and the Maven command that replays it
 * (surefire's console shows failure messages, not the redirected jqwik report); the original failure is its
 * cause. Replaying: {@code -Dfuzz.seed=S} fixes the seed of every property run, so the same inputs are
 * generated in the same order; {@code -Dfuzz.tries=N} changes the number of tries (for a longer local run).
 * jqwik's own database of failed samples lives in {@code target/} (see junit-platform.properties), so a
 * rerun in the same build directory also tries the last failing sample first.
 */
public final class ReproducibleFuzz implements AroundPropertyHook {
    /** System property: the seed to replay. */
    public static final String SEED = "fuzz.seed";
    /** System property: the number of tries, overriding each property's own. */
    public static final String TRIES = "fuzz.tries";

    /** Put on a container class, the hook reaches each of its properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty(SEED, "").trim();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        String tries = System.getProperty(TRIES, "").trim();
        if (!tries.isEmpty()) {
            context.attributes().setTries(Integer.parseInt(tries));
        }
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED
                || context.targetMethod().isAnnotationPresent(Example.class)) {
            return result;
        }
        String usedSeed = result.seed().orElse("(none reported)");
        Throwable cause = result.throwable().orElse(null);
        String module = Path.of(System.getProperty("user.dir")).getFileName().toString();
        String test = context.containerClass().getSimpleName() + "#" + context.targetMethod().getName();
        String message = test + " failed with seed " + usedSeed + " after " + result.countTries()
            + " tries. Replay: mvn -B test -pl " + module + " -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='" + test
            + "' -Dfuzz.seed=" + usedSeed
            + (cause == null ? "" : "\n" + cause);
        return result.mapToFailed(new AssertionError(message, cause));
    }
}
