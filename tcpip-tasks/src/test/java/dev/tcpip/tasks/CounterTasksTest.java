package dev.tcpip.tasks;

import dev.tcpip.tasks.counter.CounterTasks;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter task set (bgpy's example) called directly. */
class CounterTasksTest {
    private final CounterTasks counter = new CounterTasks();
    private final List<JsonObject> responses = new ArrayList<>();
    private final Responder responder = new Responder() {
        @Override
        public void respond(JsonObject args) {
            responses.add(args.copy());
        }

        @Override
        public void error(String message) {
            throw new AssertionError("unexpected error response: " + message);
        }
    };

    private static JsonObject change(String command, Number value) {
        return new JsonObject().put("command", command).put("value", value);
    }

    @Test
    void theExampleSequenceEndsWithRequestCount3Value910AndStatusExited() throws Exception {
        JsonObject state = counter.init(new JsonObject());
        assertEquals(new JsonObject().put("request_count", 0).put("value", 1000), state);
        state = counter.exec(state, change("increase", 10), responder);
        state = counter.exec(state, change("decrease", 100), responder);
        assertEquals(2, state.getInteger("request_count"));
        assertEquals(910, state.getInteger("value"));
        counter.exit(state, new JsonObject(), responder);
        assertEquals(List.of(new JsonObject().put("request_count", 3).put("value", 910).put("status", "Exited.")), responses);
        assertEquals("counter", counter.name());
    }

    @Test
    void anUnknownCommandOrAMissingOrWrongKeyFailsClearly() throws Exception {
        JsonObject state = counter.init(new JsonObject());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> counter.exec(state.copy(), change("multiply", 2), responder));
        assertEquals("unknown command: multiply", unknown.getMessage());
        IllegalArgumentException noCommand = assertThrows(IllegalArgumentException.class,
            () -> counter.exec(state.copy(), new JsonObject().put("value", 1), responder));
        assertTrue(noCommand.getMessage().contains("missing \"command\""), noCommand.getMessage());
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
            () -> counter.exec(state.copy(), new JsonObject().put("command", "increase"), responder));
        assertTrue(noValue.getMessage().contains("missing \"value\""), noValue.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
            () -> counter.exec(state.copy(), change("increase", null).put("value", "ten"), responder));
        assertTrue(notANumber.getMessage().contains("must be a number"), notANumber.getMessage());
    }

    @Test
    void integersStayIntegersAndFractionsWork() throws Exception {
        JsonObject state = counter.init(new JsonObject());
        state = counter.exec(state, change("increase", 3_000_000_000L), responder);
        assertEquals(3_000_001_000L, state.getLong("value"));
        state = counter.exec(state, change("decrease", 0.5), responder);
        assertEquals(3_000_000_999.5, state.getDouble("value"));
    }
}
