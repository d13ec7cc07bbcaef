package dev.tcpip.tasks.counter;

import dev.tcpip.tasks.Responder;
import dev.tcpip.tasks.TaskSet;
import io.vertx.core.json.JsonObject;

/**
 * bgpy's example tasks as the task set {@code counter}: a value that clients increase and decrease, and a
 * count of the requests.
 * <ul>
 *   <li>init, any arguments: the state {@code {"request_count": 0, "value": 1000}};</li>
 *   <li>exec, arguments {@code {"command": "increase" | "decrease", "value": N}}: {@code request_count} + 1
 *       and {@code value} + N or - N (integers stay integers; a fraction makes the value a fraction); an
 *       unknown command, a missing key or a value that is not a number fails the task
 *       ({@link IllegalArgumentException}, so the client gets ERROR "Exec task failed: ...") and leaves
 *       the state as it was;</li>
 *   <li>exit, any arguments: {@code request_count} + 1, and responds with the state plus
 *       {@code "status": "Exited."}.</li>
 * </ul>
 * After INIT, EXEC increase 10, EXEC decrease 100 and EXIT the response is
 * {@code {"request_count": 3, "value": 910, "status": "Exited."}}.
 */
public final class CounterTasks implements TaskSet {
    /** The set's name: {@value}. */
    public static final String NAME = "counter";

    /** Makes the set; what {@link java.util.ServiceLoader} calls. */
    public CounterTasks() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonObject init(JsonObject args) {
        return new JsonObject().put("request_count", 0).put("value", 1000);
    }

    @Override
    public JsonObject exec(JsonObject state, JsonObject args, Responder responder) {
        Object command = args.getValue("command");
        if (command == null) {
            throw new IllegalArgumentException("missing \"command\" (\"increase\" or \"decrease\") in the EXEC arguments");
        }
        Number change = number(args, "value", "the EXEC arguments");
        Number value = number(state, "value", "the state");
        Number updated;
        if ("increase".equals(command)) {
            updated = add(value, change, false);
        } else if ("decrease".equals(command)) {
            updated = add(value, change, true);
        } else {
            throw new IllegalArgumentException("unknown command: " + command);
        }
        return state.put("request_count", count(state) + 1).put("value", updated);
    }

    @Override
    public void exit(JsonObject state, JsonObject args, Responder responder) {
        responder.respond(state.put("request_count", count(state) + 1).put("status", "Exited."));
    }

    private static long count(JsonObject state) {
        return number(state, "request_count", "the state").longValue();
    }

    private static Number number(JsonObject json, String key, String where) {
        Object v = json.getValue(key);
        if (v == null) {
            throw new IllegalArgumentException("missing \"" + key + "\" in " + where);
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("\"" + key + "\" in " + where + " must be a number, got " + v);
        }
        return (Number) v;
    }

    private static Number add(Number value, Number change, boolean subtract) {
        if (integral(value) && integral(change)) {
            long c = change.longValue();
            return subtract ? Math.subtractExact(value.longValue(), c) : Math.addExact(value.longValue(), c);
        }
        double c = change.doubleValue();
        return subtract ? value.doubleValue() - c : value.doubleValue() + c;
    }

    private static boolean integral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }
}
