package dev.tcpip.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds task sets on the class path by name, through {@link ServiceLoader}: each jar lists its
 * {@link TaskSet} classes in {@code META-INF/services/dev.tcpip.tasks.TaskSet}. This module ships one,
 * {@code counter} (bgpy's example, {@link dev.tcpip.tasks.counter.CounterTasks}).
 */
public final class TaskSets {
    private TaskSets() {
    }

    /**
     * Finds a task set by name with the context class loader (or this class's, if there is none).
     *
     * @param name the set's name
     * @return a new instance of the set
     * @throws NoSuchElementException if no set has that name; the message lists the names there are
     * @throws ServiceConfigurationError if a listed class cannot be loaded or made
     */
    public static TaskSet find(String name) {
        return find(name, loader());
    }

    /**
     * Finds a task set by name with a class loader.
     *
     * @param name   the set's name
     * @param loader where to look
     * @return a new instance of the set
     * @throws NoSuchElementException if no set has that name; the message lists the names there are
     * @throws ServiceConfigurationError if a listed class cannot be loaded or made
     */
    public static TaskSet find(String name, ClassLoader loader) {
        Objects.requireNonNull(name, "name");
        Map<String, TaskSet> all = load(loader);
        TaskSet set = all.get(name);
        if (set == null) {
            throw new NoSuchElementException("no task set named '" + name + "'; available: "
                + (all.isEmpty() ? "none" : String.join(", ", all.keySet())));
        }
        return set;
    }

    /**
     * {@return the names of the task sets on the class path (the context class loader's, or this class's),
     *     sorted}
     */
    public static List<String> available() {
        return new ArrayList<>(load(loader()).keySet());
    }

    private static Map<String, TaskSet> load(ClassLoader loader) {
        Map<String, TaskSet> all = new TreeMap<>();
        for (TaskSet set : ServiceLoader.load(TaskSet.class, loader)) {
            all.putIfAbsent(set.name(), set);
        }
        return all;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : TaskSets.class.getClassLoader();
    }
}
