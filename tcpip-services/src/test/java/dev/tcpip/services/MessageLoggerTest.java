package dev.tcpip.services;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageLoggerTest extends VertxTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(MessageLogger.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void messageLoggerLogsEachMessageAtInfo() throws Exception {
        MessageQueue<Object> in = new MessageQueue<>(vertx, 10);
        MessageLogger<Object> service = new MessageLogger<>("log", in);
        await(vertx.deployVerticle(service));
        await(in.put("hello"));
        await(in.put("héllo".getBytes(StandardCharsets.UTF_8)));
        awaitCondition("two lines logged", () -> service.handled() == 2);
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertEquals(2, events.size());
        assertEquals("log: hello", events.get(0).getFormattedMessage());
        assertEquals("log: héllo", events.get(1).getFormattedMessage());
        assertEquals(Level.INFO, events.get(0).getLevel());
        await(service.shutdown(), BOUND);
    }
}
