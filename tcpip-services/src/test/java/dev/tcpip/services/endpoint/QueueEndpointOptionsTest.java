package dev.tcpip.services.endpoint;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueEndpointOptionsTest {
    @Test
    void theDefaultsArePysocklibsWhereItHasThemAndBoundedElsewhere() {
        QueueEndpointOptions o = new QueueEndpointOptions();
        assertEquals("127.0.0.1", o.getHost());
        assertEquals(12345, o.getPort());
        assertEquals("\r\n", o.getDelimiter());
        assertEquals(StandardCharsets.UTF_8, o.getCharset());
        assertEquals(64 * 1024, o.getMaxMessageLength());
        assertEquals(1000, o.getInboundCapacity());
        assertEquals(1000, o.getOutboundCapacity());
        assertEquals(ReconnectPolicy.defaults(), o.getReconnect());
        assertEquals(Duration.ofMillis(500), o.getReconnect().initialDelay());
        assertNull(o.getHeartbeat());
        assertEquals(Duration.ofSeconds(30), o.getHeartbeatInterval());
        assertEquals(Duration.ZERO, o.getIdleTimeout(), "idle is not a disconnect unless asked");
        assertEquals(Duration.ZERO, o.getSendWait());
        assertEquals(Duration.ofSeconds(2), o.getResendWindow());
        assertEquals(10_000, o.getResendLimit());
        assertEquals(128, o.getWaitingClients());
    }

    @Test
    void theJsonFormRoundTripsEveryField() {
        QueueEndpointOptions o = new QueueEndpointOptions().setName("link").setHost("localhost").setPort(4000)
            .setDelimiter("\n").setMaxMessageLength(100).setCharset(StandardCharsets.ISO_8859_1)
            .setInboundCapacity(3).setOutboundCapacity(4).setReconnect(ReconnectPolicy.never())
            .setHeartbeat("Alive").setHeartbeatInterval(Duration.ofMillis(1500)).setIdleTimeout(Duration.ofSeconds(5))
            .setSendWait(Duration.ofMillis(100)).setResendWindow(Duration.ofSeconds(1)).setResendLimit(7).setWaitingClients(2);
        JsonObject json = o.toJson();
        QueueEndpointOptions back = new QueueEndpointOptions(json);
        assertEquals(json, back.toJson());
        assertEquals("\n", back.getDelimiter());
        assertEquals(Duration.ofMillis(1500), back.getHeartbeatInterval());
        assertFalse(back.getReconnect().reconnects());
        assertEquals(1.5, json.getDouble("heartbeatInterval"));
    }

    @Test
    void absentJsonKeysKeepTheirDefaults() {
        assertEquals(new QueueEndpointOptions().toJson(), new QueueEndpointOptions(new JsonObject()).toJson());
    }

    @Test
    void badValuesAreRefusedAtOnceWithTheReason() {
        QueueEndpointOptions o = new QueueEndpointOptions();
        assertThrows(IllegalArgumentException.class, () -> o.setPort(70000));
        assertThrows(IllegalArgumentException.class, () -> o.setDelimiter(""));
        assertThrows(IllegalArgumentException.class, () -> o.setDelimiter("\u2028"));
        assertThrows(IllegalArgumentException.class, () -> o.setMaxMessageLength(0));
        assertThrows(IllegalArgumentException.class, () -> o.setInboundCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> o.setIdleTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> o.setHeartbeat("a\r\nb"));
        QueueEndpointOptions alive = new QueueEndpointOptions().setHeartbeat("Al\nve");
        assertThrows(IllegalArgumentException.class, () -> alive.setDelimiter("\n"), "a delimiter found in the heartbeat");
        assertThrows(IllegalArgumentException.class, () -> o.setHeartbeatInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new QueueEndpointOptions(new JsonObject().put("port", -1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.setHost(" "));
        assertEquals("host must not be empty", e.getMessage());
    }

    @Test
    void theFramingIsTheDelimiterAsBytesWithTheMaximum() {
        QueueEndpointOptions o = new QueueEndpointOptions().setDelimiter("\u0000\u00ff").setMaxMessageLength(9);
        assertEquals(9, o.framing().maxFrameLength());
        assertEquals(2, o.framing().delimiter().length());
        assertEquals((byte) 0xFF, o.framing().delimiter().getByte(1));
    }
}
