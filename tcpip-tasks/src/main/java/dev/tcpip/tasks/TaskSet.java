package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * The three tasks a {@link TaskServer} runs, under one name (bgpy's {@code init_task}, {@code exec_task} and
 * {@code exit_task}, registered on the server instead of pickled over the network):
 * <ul>
 *   <li>{@link #init}: on the first INIT (or at start-up), makes the state;</li>
 *   <li>{@link #exec}: on each EXEC, gets the state and returns the new one;</li>
 *   <li>{@link #exit}: on EXIT, gets the state, before the server ends.</li>
 * </ul>
 * The server runs them one at a time, in the order the requests arrived, on a worker thread of its own
 * (never a Vert.x event loop), so a task may block. Each gets copies of the state and the arguments: what it
 * changes in them is seen by nobody unless it returns it. A task that throws, or runs past the time limit,
 * leaves the state as it was, and the client gets ERROR; the server goes on.
 *
 * <p>A set is found by name on the class path with {@link TaskSets#find(String)}: list the implementing
 * class (public, with a public no-argument constructor) in
 * {@code META-INF/services/dev.tcpip.tasks.TaskSet} of your jar. Or make one from lambdas with
 * {@link #of}.
 */
public interface TaskSet {
    /** {@return the set's name, by which {@link TaskSets#find} finds it: "counter", say} */
    String name();

    /**
     * Makes the first state, on the first INIT (bgpy's {@code init_task}).
     *
     * @param args the INIT request's arguments (a copy; {@code {}} at start-up)
     * @return the state: a JSON object
     * @throws Exception any failure: the client gets ERROR "Init task failed: MESSAGE", and the server stays
     *     uninitialised
     */
    JsonObject init(JsonObject args) throws Exception;

    /**
     * Runs one EXEC request (bgpy's {@code exec_task}).
     *
     * @param state     the current state (a copy)
     * @param args      the request's arguments (a copy)
     * @param responder how to answer; without it the client gets OK {@code {"message": "Done."}}
     * @return the new state, which replaces the current one: a JSON object
     * @throws Exception any failure: the client gets ERROR "Exec task failed: MESSAGE", the state stays
     */
    JsonObject exec(JsonObject state, JsonObject args, Responder responder) throws Exception;

    /**
     * Runs the EXIT request (bgpy's {@code exit_task}); only when the server was initialised. The server
     * ends afterwards, whatever the task did.
     *
     * @param state     the current state (a copy)
     * @param args      the request's arguments (a copy)
     * @param responder how to answer; without it the client gets OK {@code {"message": "Exited."}}
     * @throws Exception any failure: the client gets ERROR "Exit task failed: MESSAGE"
     */
    void exit(JsonObject state, JsonObject args, Responder responder) throws Exception;

    /**
     * Makes a task set from three lambdas.
     *
     * @param name the set's name
     * @param init the init task
     * @param exec the exec task
     * @param exit the exit task
     * @return the task set
     */
    static TaskSet of(String name, InitTask init, ExecTask exec, ExitTask exit) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(exec, "exec");
        Objects.requireNonNull(exit, "exit");
        return new TaskSet() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public JsonObject init(JsonObject args) throws Exception {
                return init.init(args);
            }

            @Override
            public JsonObject exec(JsonObject state, JsonObject args, Responder responder) throws Exception {
                return exec.exec(state, args, responder);
            }

            @Override
            public void exit(JsonObject state, JsonObject args, Responder responder) throws Exception {
                exit.exit(state, args, responder);
            }

            @Override
            public String toString() {
                return "TaskSet(" + name + ")";
            }
        };
    }
}
