package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The responder a task gets: one response, a copy, none after the task has ended. */
class TaskResponderTest {
    @Test
    void theResponseIsACopyOfExactlyTheArgumentsGiven() {
        TaskResponder r = new TaskResponder();
        JsonObject args = new JsonObject().put("a", 1);
        r.respond(args);
        args.put("b", 2);
        assertEquals(TaskReply.ok(new JsonObject().put("a", 1)), r.end());
    }

    @Test
    void aSecondResponseIsRefused() {
        TaskResponder r = new TaskResponder();
        r.error("first");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.respond(new JsonObject()));
        assertTrue(e.getMessage().contains("responded already"), e.getMessage());
        assertEquals(TaskReply.error("first"), r.end());
    }

    @Test
    void aResponseAfterTheTaskEndedIsRefused() {
        TaskResponder r = new TaskResponder();
        assertNull(r.end());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.error("late"));
        assertTrue(e.getMessage().contains("has ended"), e.getMessage());
    }

    @Test
    void aValueThatIsNotJsonIsRefusedAtOnce() {
        TaskResponder r = new TaskResponder();
        JsonObject bad = new JsonObject();
        bad.getMap().put("thread", Thread.currentThread());
        assertThrows(IllegalArgumentException.class, () -> r.respond(bad));
        assertNull(r.end());
    }
}
