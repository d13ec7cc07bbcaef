package dev.tcpip.tasks;

import dev.tcpip.testsupport.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

/** A fresh Vert.x for each test, servers and clients on it, all closed after it. */
abstract class TaskServerTest {
    final TestTasks tasks = new TestTasks();
    final List<TaskServer> servers = new ArrayList<>();
    Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeAll() throws Exception {
        tasks.release();
        for (TaskServer s : servers) {
            Await.await("closing a task server", s.close());
        }
        Await.await("closing Vert.x", vertx.close());
    }

    /** Starts a server on a free loopback port. */
    TaskServer start(TaskSet set, TaskServerOptions options) throws Exception {
        TaskServer server = TaskServer.create(vertx, set, options);
        servers.add(server);
        Await.await("starting the task server", server.start());
        return server;
    }

    TaskServer start(TaskServerOptions options) throws Exception {
        return start(tasks, options);
    }

    TaskClient client(TaskServer server, String token) {
        return TaskClient.create(vertx, new TaskClientOptions().setPort(server.port()).setToken(token));
    }
}
