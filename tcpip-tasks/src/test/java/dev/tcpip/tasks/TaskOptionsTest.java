package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TaskServerOptions and TaskClientOptions: defaults, checks, JSON forms, and the token kept out of both. */
class TaskOptionsTest {
    @Test
    void serverDefaults() {
        TaskServerOptions o = new TaskServerOptions();
        assertEquals("127.0.0.1", o.getHost());
        assertEquals(0, o.getPort());
        assertNull(o.getToken());
        assertTrue(o.isOpenAccess());
        assertEquals(1024 * 1024, o.getMaxFrameLength());
        assertEquals(64, o.getMaxClients());
        assertEquals(Duration.ofMinutes(5), o.getIdleTimeout());
        assertEquals(Duration.ofSeconds(60), o.getTaskTimeout());
        assertFalse(o.isInitAtStart());
    }

    @Test
    void serverJsonRoundTripWithoutTheToken() {
        TaskServerOptions o = new TaskServerOptions().setHost("0.0.0.0").setPort(4711).setToken("top-secret")
            .setMaxFrameLength(2048).setMaxClients(3).setIdleTimeout(Duration.ofMillis(1500))
            .setTaskTimeout(Duration.ofSeconds(2)).setInitAtStart(true);
        JsonObject json = o.toJson();
        assertEquals(new JsonObject().put("host", "0.0.0.0").put("port", 4711).put("maxFrameLength", 2048)
            .put("maxClients", 3).put("idleTimeout", 1.5).put("taskTimeout", 2.0).put("initAtStart", true)
            .put("netServerOptions", o.getNetServerOptions().toJson()), json);
        assertFalse(json.encode().contains("top-secret"));
        assertFalse(o.toString().contains("top-secret"), o.toString());
        assertTrue(o.toString().contains("token set"), o.toString());
        TaskServerOptions back = new TaskServerOptions(json);
        assertEquals(json, back.toJson());
        assertNull(back.getToken());
        assertEquals("top-secret", new TaskServerOptions(o).getToken(), "a copy keeps the token");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new TaskServerOptions(new JsonObject().put("token", "x")));
        assertTrue(e.getMessage().contains("never read from JSON"), e.getMessage());
    }

    @Test
    void serverChecks() {
        TaskServerOptions o = new TaskServerOptions();
        assertThrows(IllegalArgumentException.class, () -> o.setPort(65536));
        assertThrows(IllegalArgumentException.class, () -> o.setHost(""));
        assertThrows(IllegalArgumentException.class, () -> o.setToken(""));
        assertThrows(IllegalArgumentException.class, () -> o.setMaxFrameLength(0));
        assertThrows(IllegalArgumentException.class, () -> o.setMaxClients(0));
        assertThrows(IllegalArgumentException.class, () -> o.setIdleTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> o.setTaskTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new TaskServerOptions(new JsonObject().put("maxClients", "many")));
        assertThrows(IllegalArgumentException.class, () -> new TaskServerOptions(new JsonObject().put("taskTimeout", "soon")));
        assertEquals(Duration.ZERO, o.setIdleTimeout(Duration.ZERO).getIdleTimeout(), "zero: never");
        assertEquals("abc", o.setToken(new char[] {'a', 'b', 'c'}).getToken());
        assertTrue(o.setToken((String) null).isOpenAccess());
    }

    @Test
    void clientDefaultsAndJsonWithoutTheToken() {
        TaskClientOptions o = new TaskClientOptions();
        assertEquals("127.0.0.1", o.getHost());
        assertNull(o.getToken());
        assertEquals(Duration.ofSeconds(10), o.getConnectTimeout());
        assertEquals(Duration.ofSeconds(60), o.getResponseTimeout());
        assertEquals(1024 * 1024, o.getMaxFrameLength());
        o.setPort(4711).setToken("top-secret").setResponseTimeout(Duration.ofMillis(250)).setConnectTimeout(Duration.ofSeconds(1));
        JsonObject json = o.toJson();
        assertEquals(new JsonObject().put("host", "127.0.0.1").put("port", 4711).put("maxFrameLength", 1024 * 1024)
            .put("connectTimeout", 1.0).put("responseTimeout", 0.25)
            .put("netClientOptions", o.getNetClientOptions().toJson()), json);
        assertFalse(o.toString().contains("top-secret"), o.toString());
        assertEquals(json, new TaskClientOptions(json).toJson());
        assertThrows(IllegalArgumentException.class, () -> new TaskClientOptions(new JsonObject().put("token", "x")));
        assertThrows(IllegalArgumentException.class, () -> o.setResponseTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> o.setConnectTimeout(Duration.ofSeconds(-1)));
    }
}
