package dev.tcpip.tasks;

import dev.tcpip.tasks.counter.CounterTasks;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Finding task sets on the class path through ServiceLoader. */
class TaskSetsTest {
    @TempDir
    Path dir;

    @Test
    void theCounterIsFoundByName() {
        assertInstanceOf(CounterTasks.class, TaskSets.find("counter"));
        assertNotSame(TaskSets.find("counter"), TaskSets.find("counter"), "a new instance each time");
        assertEquals(List.of("counter"), TaskSets.available());
    }

    @Test
    void anUnknownNameListsWhatIsAvailable() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> TaskSets.find("bgpy"));
        assertEquals("no task set named 'bgpy'; available: counter", e.getMessage());
    }

    @Test
    void aSetListedInAnotherJarsServiceFileIsFound() throws Exception {
        // A user's jar: a services file naming their class (here a test class of this module).
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(TaskSet.class.getName()), UserTasks.class.getName() + "\n");
        try (URLClassLoader jar = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertInstanceOf(UserTasks.class, TaskSets.find("user", jar));
            assertInstanceOf(CounterTasks.class, TaskSets.find("counter", jar));
        }
    }

    /** A task set as a user would ship one. */
    public static final class UserTasks implements TaskSet {
        /** For ServiceLoader. */
        public UserTasks() {
        }

        @Override
        public String name() {
            return "user";
        }

        @Override
        public io.vertx.core.json.JsonObject init(io.vertx.core.json.JsonObject args) {
            return new io.vertx.core.json.JsonObject();
        }

        @Override
        public io.vertx.core.json.JsonObject exec(io.vertx.core.json.JsonObject state, io.vertx.core.json.JsonObject args,
                                                  Responder responder) {
            return state;
        }

        @Override
        public void exit(io.vertx.core.json.JsonObject state, io.vertx.core.json.JsonObject args, Responder responder) {
        }
    }
}
