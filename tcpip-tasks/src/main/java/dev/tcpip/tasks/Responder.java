package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

/**
 * How an exec or exit task answers its request (bgpy's {@code respond(client_socket, response, error)}):
 * the outcome the client receives after the confirmation. A task that does not respond gets the default
 * outcome (OK {@code {"message": "Done."}} for EXEC, {@code {"message": "Exited."}} for EXIT).
 *
 * <p>A task responds at most once, while it runs; it may do so from any thread. After the task has
 * ended (returned, thrown or timed out) the responder refuses.
 */
public interface Responder {
    /**
     * Sets the outcome to OK with exactly these arguments (a copy; no key is ever added).
     *
     * @param args the reply's arguments: JSON values only
     * @throws IllegalArgumentException if the arguments hold a value that is not JSON
     * @throws IllegalStateException if the task has responded already, or has ended
     */
    void respond(JsonObject args);

    /**
     * Sets the outcome to ERROR {@code {"message": message}}.
     *
     * @param message what went wrong
     * @throws IllegalStateException if the task has responded already, or has ended
     */
    void error(String message);
}
