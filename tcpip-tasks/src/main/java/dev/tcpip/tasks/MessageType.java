package dev.tcpip.tasks;

/**
 * The type of a task-protocol message, the value of its {@code "type"} key (bgpy's {@code MessageType},
 * as names instead of numbers): four requests a client sends, and the two replies a server sends.
 */
public enum MessageType {
    /** A request: authenticate with a token ({@code {"token": "..."}}). */
    AUTH,
    /** A request: run the init task once; its result becomes the state. */
    INIT,
    /** A request: run the exec task with the state; its result replaces the state. */
    EXEC,
    /** A request: run the exit task, answer, and end the server. */
    EXIT,
    /** A reply: the request was received (the confirmation), or it succeeded (the outcome). */
    OK,
    /** A reply: the request failed ({@code {"message": "..."}}). */
    ERROR;

    /** {@return whether a client sends this type: AUTH, INIT, EXEC or EXIT} */
    public boolean isRequest() {
        return this != OK && this != ERROR;
    }

    /**
     * {@return the type as a task's name in error messages: "Init", "Exec", "Exit" (the name with only its
     *     first letter upper case)}
     */
    String taskName() {
        String name = name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
