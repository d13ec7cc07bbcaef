/**
 * A task server and its client (bgpy's shape, without pickle): a {@link dev.tcpip.tasks.TaskServer} runs the
 * init, exec and exit tasks of a {@link dev.tcpip.tasks.TaskSet} registered on it by name
 * ({@link dev.tcpip.tasks.TaskSets}), and clients ({@link dev.tcpip.tasks.TaskClient}, or any program that
 * speaks the protocol below) drive it: AUTH with a token, INIT once, EXEC many times, EXIT. Only data
 * crosses the network: JSON, never code, classes or serialized objects.
 *
 * <h2>The protocol</h2>
 *
 * <p><b>Frames.</b> Over one TCP connection, in both directions, each message is one frame: a 4-byte
 * big-endian signed length (Python {@code struct} format {@code "!i"}, &gt;= 0), then that many bytes, the
 * message as UTF-8 JSON:
 * <pre>
 * +---------------------------------+------------------------------------------------+---------
 * | length N: 4 bytes, big-endian,  | N bytes: one JSON object, UTF-8                | next ...
 * | signed (struct "!i"), &gt;= 0      | {"type": "EXEC", "args": {"command": "..."}}   |
 * +---------------------------------+------------------------------------------------+---------
 * </pre>
 * The JSON is what Python's {@code json.dumps} writes, {@code NaN}, {@code Infinity} and {@code -Infinity}
 * included; the server writes non-ASCII characters as <code>&#92;uXXXX</code> escapes, so its replies are plain
 * ASCII. Frames follow each other with nothing in between; a reader must read exactly 4 bytes, then exactly N
 * (a TCP read may return less, or more: several frames). The server accepts frames of at most 1 MiB
 * ({@link dev.tcpip.tasks.TaskServerOptions#setMaxFrameLength}). A negative length, a longer one, bytes
 * that are not UTF-8 JSON, or JSON that is not a message of the shape below make the server close that
 * connection (and log why); other clients never notice.
 *
 * <p><b>Messages.</b> Each is a JSON object {@code {"type": T, "args": {...}}}, where T is one of
 * {@code "AUTH"}, {@code "INIT"}, {@code "EXEC"}, {@code "EXIT"} (requests, which a client sends),
 * {@code "OK"} and {@code "ERROR"} (replies, which the server sends), and {@code "args"} is an object
 * ({@code {}} when absent). Nothing else is read from a message: other keys are ignored. An OK or ERROR
 * from a client is ignored. Python:
 * <pre>{@code
 * def send(sock, type_, args):
 *     payload = json.dumps({"type": type_, "args": args}).encode("utf-8")
 *     sock.sendall(struct.pack("!i", len(payload)) + payload)
 *
 * def recv(sock):
 *     (length,) = struct.unpack("!i", read_exactly(sock, 4))
 *     message = json.loads(read_exactly(sock, length).decode("utf-8"))
 *     return message["type"], message.get("args", {})
 * }</pre>
 *
 * <p><b>Replies.</b> The server answers every request with exactly two messages, in this order:
 * <ol>
 *   <li>the confirmation, as soon as the request is accepted, before any task runs:
 *       {@code {"type": "OK", "args": {"message": "Received 'EXEC'"}}} (with the request's type);</li>
 *   <li>the outcome, once the request is done: OK or ERROR, with the arguments listed below.</li>
 * </ol>
 * One exception: a request other than AUTH on a connection that has not authenticated gets no
 * confirmation, only the outcome {@code {"type": "ERROR", "args": {"message": "Not authenticated."}}}; only
 * its type is read, and nothing runs. A connection's requests are taken one at a time: the next is read once
 * the previous one's outcome is sent, so a client may send several requests at once and read the replies
 * in order. A client that does not want the outcome (bgpy's {@code await_response=False}) may close the
 * connection after the confirmation: the request still runs, and its outcome is dropped. Replies never
 * carry keys the protocol or the task did not put there.
 *
 * <p><b>AUTH</b>, args {@code {"token": "..."}}: OK {@code {"message": "Authentication successful."}} or
 * ERROR {@code {"message": "Invalid client authentication."}}. Tokens are compared in constant time. Each
 * connection authenticates for itself (a client that opens a connection per request sends AUTH on each). A
 * server with no token has open access: every connection counts as authenticated, AUTH is answered
 * "Authentication successful." whatever its token, and the server logs at WARN, when it starts, that access
 * is open.
 *
 * <p><b>INIT</b>, args for the init task: the first INIT runs the init task, whose result becomes the state,
 * and answers OK {@code {"message": "Initialization successful."}}; any later one, also when the server
 * initialised itself at start-up ({@link dev.tcpip.tasks.TaskServerOptions#setInitAtStart}), answers ERROR
 * {@code {"message": "Already initialized."}}.
 *
 * <p><b>EXEC</b>, args for the exec task: before INIT, ERROR {@code {"message": "Not initialized."}}.
 * Otherwise the exec task runs with the state and the args and returns the new state. The outcome is what
 * the task responded: OK with exactly the args it gave, or ERROR {@code {"message": "..."}}; if it did not
 * respond, OK {@code {"message": "Done."}}.
 *
 * <p><b>EXIT</b>, args for the exit task: the exit task runs (if the server was initialised) with the state
 * and the args; the outcome is as for EXEC, OK {@code {"message": "Exited."}} if it did not respond. Then
 * the server stops listening, sends the outcomes still due, closes every connection and ends. Requests
 * still queued, or arriving meanwhile, are answered ERROR {@code {"message": "Server is shutting down."}}.
 *
 * <p><b>Tasks</b> run one at a time, in the order their requests arrived from all clients (the state is
 * shared), on a thread of the server's own, so a slow task holds up neither reading nor confirmations nor
 * other clients' AUTH. A task that throws answers ERROR
 * {@code {"message": "Exec task failed: <its message>"}} ("Init", "Exec" or "Exit"); one that runs past the
 * time limit (60 s unless set) answers ERROR {@code {"message": "Exec task timed out after 60 s."}}. Either
 * way the state stays as it was and the server goes on.
 *
 * <p><b>Limits.</b> At most 64 clients at once unless set (one more is disconnected at once); a connection
 * that receives and sends nothing for 5 minutes (unless set) is closed, so a client that stalls in the
 * middle of a frame is dropped, and nobody else waits for it.
 *
 * <h2>A session</h2>
 * <pre>
 * client                                          server
 * AUTH {"token": "s3cr3t"}                  --&gt;
 *                                           &lt;--   OK {"message": "Received 'AUTH'"}
 *                                           &lt;--   OK {"message": "Authentication successful."}
 * EXEC {"command": "increase", "value": 10} --&gt;
 *                                           &lt;--   OK {"message": "Received 'EXEC'"}
 *                                           &lt;--   OK {"message": "Done."}
 * </pre>
 *
 * <p>The bgpy example is the task set {@code counter} ({@link dev.tcpip.tasks.counter.CounterTasks}).
 */
package dev.tcpip.tasks;
