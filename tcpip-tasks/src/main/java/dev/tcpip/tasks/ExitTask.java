package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

/** The exit task of a {@link TaskSet} as a lambda (bgpy's {@code exit_task}); see {@link TaskSet#exit}. */
@FunctionalInterface
public interface ExitTask {
    /**
     * Runs the EXIT request, before the server ends.
     *
     * @param state     the current state (a copy)
     * @param args      the request's arguments (a copy)
     * @param responder how to answer, if the default outcome does not do
     * @throws Exception any failure: the client gets ERROR "Exit task failed: ...", the server ends anyway
     */
    void exit(JsonObject state, JsonObject args, Responder responder) throws Exception;
}
