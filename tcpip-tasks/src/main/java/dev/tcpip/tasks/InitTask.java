package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

/** The init task of a {@link TaskSet} as a lambda (bgpy's {@code init_task}); see {@link TaskSet#init}. */
@FunctionalInterface
public interface InitTask {
    /**
     * Makes the first state.
     *
     * @param args the INIT request's arguments (a copy)
     * @return the state: a JSON object
     * @throws Exception any failure: the client gets ERROR "Init task failed: ..."
     */
    JsonObject init(JsonObject args) throws Exception;
}
