package dev.tcpip.cli;

import dev.tcpip.tasks.TaskServerMain;
import dev.tcpip.tasks.TaskServerOptions;
import dev.tcpip.tasks.TaskServerProcess;
import dev.tcpip.tasks.TaskServerProcessOptions;
import dev.tcpip.tasks.TaskSet;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * One run of the {@code tasks server} command. In the foreground: the task server in this JVM
 * ({@link TaskServerMain#serve}), the running line once listening, then nothing until a client's EXIT ends it
 * (exit 0), or SIGTERM or SIGINT (closed, exit 0). With {@code --background}: the server in a detached process
 * ({@link TaskServerProcess#start}), the running line with its pid once it listens, exit 0 while it goes on.
 */
final class TasksServerRun {
    /** The program's name in an error line: {@code tcpip tasks server: cannot start ...}. */
    static final String PROGRAM = "tcpip tasks server";
    /** The line printed on stdout once listening, before the port. */
    static final String RUNNING = TaskServerMain.RUNNING;

    private TasksServerRun() {
    }

    /** {@return 0 once a client's EXIT has ended the server, 1 if it cannot start} */
    static int foreground(TaskSet tasks, TaskServerOptions options) {
        return TaskServerMain.serve(tasks, options,
            port -> {
                System.out.println(RUNNING + port);
                System.out.flush();
            },
            reason -> {
                System.err.println(PROGRAM + ": " + reason);
                System.err.flush();
            });
    }

    /** {@return 0 once the server of a new process listens, 1 if it cannot start} */
    static int background(TaskServerProcessOptions options) {
        try {
            TaskServerProcess server = TaskServerProcess.start(options);
            System.out.println(RUNNING + server.port() + " (pid " + server.pid() + ")");
            System.out.flush();
            return 0;
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            System.err.println(PROGRAM + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            return 1;
        }
    }
}
