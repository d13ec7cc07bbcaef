package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

/** The exec task of a {@link TaskSet} as a lambda (bgpy's {@code exec_task}); see {@link TaskSet#exec}. */
@FunctionalInterface
public interface ExecTask {
    /**
     * Runs one EXEC request.
     *
     * @param state     the current state (a copy)
     * @param args      the request's arguments (a copy)
     * @param responder how to answer, if the default outcome does not do
     * @return the new state: a JSON object
     * @throws Exception any failure: the client gets ERROR "Exec task failed: ...", the state stays
     */
    JsonObject exec(JsonObject state, JsonObject args, Responder responder) throws Exception;
}
