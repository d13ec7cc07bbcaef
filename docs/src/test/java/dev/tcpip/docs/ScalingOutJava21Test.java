package dev.tcpip.docs;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java 21+ (virtual thread) example of docs/scaling-out.md: commands that await their acks in turn. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class ScalingOutJava21Test {

    @Test
    void commandsOnAVirtualThreadAwaitTheirAcks(Vertx vertx) throws Exception {
        // A stand-in for a relay's command address (the relay itself is in ScalingOutTest).
        io.vertx.core.eventbus.MessageConsumer<JsonObject> relay = vertx.eventBus().consumer("mount.commands", m -> {
            if (m.body().getString("command").equals("jump")) {
                m.fail(400, "\"command\" must be \"move\", \"stop\" or \"configure\", got 'jump'");
            } else {
                m.reply(new JsonObject().put("command_id", 1).put("result", 0));
            }
        });
        await(relay.completion());
        List<Integer> results = await(VirtualThreads.run(vertx, () -> {
            List<Integer> r = new ArrayList<>();
            // tag::cluster-command-await[]
            for (JsonObject command : List.of(
                    new JsonObject().put("command", "move").put("azimuth", 120).put("elevation", 45),
                    new JsonObject().put("command", "stop"))) {
                try {
                    JsonObject ack = vertx.eventBus().<JsonObject>request("mount.commands", command).await().body();
                    r.add(ack.getInteger("result"));                      // 0: accepted
                } catch (ReplyException e) {                              // refused, not connected, no reply
                    throw new IllegalStateException(command + ": " + e.failureCode() + " " + e.getMessage(), e);
                }
            }
            // end::cluster-command-await[]
            return r;
        }));
        assertEquals(List.of(0, 0), results);
    }
}
