package dev.tcpip.cli;

import dev.tcpip.udp.chat.ChatServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the {@code chat-server} command: the chat server on a new Vert.x, the running line once bound,
 * then nothing until SIGTERM or SIGINT, whose shutdown hook closes it and Vert.x (bounded) and exits 0.
 */
final class ChatServerRun {
    /** The program's name in an error line: {@code tcpip chat-server: cannot bind ...}. */
    static final String PROGRAM = "tcpip chat-server";
    /** The line printed on stdout once bound, before the port. */
    static final String RUNNING = "Chat server running on port ";

    private static final Logger LOG = LoggerFactory.getLogger(ChatServerRun.class);

    private final ChatServerCommand command;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ChatServerRun(ChatServerCommand command) {
        this.command = command;
    }

    /** {@return 1 if the server cannot bind; otherwise it runs until a signal ends the JVM} */
    int run() {
        Vertx vertx = Vertx.vertx();
        ChatServer chat = new ChatServer(vertx, command.datagramOptions(), command.pingInterval(), command.maxMissed());
        Thread hook = new Thread(() -> stop(vertx, chat), "tcpip-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int port;
        try {
            port = await(chat.start(), EndpointRun.START_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println(PROGRAM + ": cannot bind " + command.host() + ":" + command.port() + ": "
                + (cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage()));
            System.err.flush();
            close(vertx, chat);
            Runtime.getRuntime().removeShutdownHook(hook);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        System.out.println(RUNNING + port);
        System.out.flush();
        try {
            stopped.await();   // until the shutdown hook ends the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void stop(Vertx vertx, ChatServer chat) {
        LOG.info("Stopping the chat server");
        if (close(vertx, chat)) {
            LOG.info("Chat server stopped");
            Runtime.getRuntime().halt(0);
        }
        LOG.warn("the chat server did not close within {} s; exiting anyway", EndpointRun.STOP_TIMEOUT.toSeconds());
    }

    private static boolean close(Vertx vertx, ChatServer chat) {
        long deadline = System.nanoTime() + EndpointRun.STOP_TIMEOUT.toNanos();
        for (Future<?> closing : List.of(chat.close(), vertx.close())) {
            try {
                await(closing, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static <T> T await(Future<T> future, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
