package dev.tcpip.docs;

import dev.tcpip.tasks.TaskClient;
import dev.tcpip.tasks.TaskClientOptions;
import dev.tcpip.tasks.TaskReply;
import dev.tcpip.tasks.TaskServer;
import dev.tcpip.tasks.TaskServerOptions;
import dev.tcpip.tasks.TaskTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java 21+ (virtual thread) example of docs/task-server.md: a client that awaits each reply in turn. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class TaskServerJava21Test {

    @Test
    void aClientOnAVirtualThreadAwaitsEachReply(Vertx vertx) throws Exception {
        String token = TaskTokens.create();
        TaskServer server = TaskServer.create(vertx, new TaskServerDocTest.ExposureTasks(),
            new TaskServerOptions().setToken(token));
        int port = await(server.start());
        JsonObject result = await(VirtualThreads.run(vertx, () -> {
            // tag::tasks-virtual-thread-client[]
            TaskClient client = TaskClient.create(vertx, new TaskClientOptions().setPort(port).setToken(token));
            client.initialize(new JsonObject().put("filter", "g"), true).await();
            for (String filter : new String[] {"g", "r", "i"}) {
                client.execute(new JsonObject().put("command", "filter").put("name", filter), true).await();
                TaskReply exposure = client.execute(new JsonObject().put("command", "expose"), true).await();
                if (!exposure.isOk()) {                               // ERROR: the task threw or timed out
                    throw new IllegalStateException(exposure.message());
                }
            }
            JsonObject summary = client.terminate(new JsonObject(), true).await().args();  // {"exposures": 3}
            // end::tasks-virtual-thread-client[]
            return summary;
        }));
        assertEquals(new JsonObject().put("exposures", 3), result);
        await(server.done());
    }
}
