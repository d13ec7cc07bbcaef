package dev.tcpip.cli;

import dev.tcpip.services.MessageSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The program's stdout as the inbound sink of a receiving endpoint: each message put is printed as one line,
 * UTF-8, and flushed, on a thread of its own (a slow reader of stdout never blocks the event loop), and the
 * put completes once it is printed. So the endpoint counts a message received ({@code stopAfterReceived})
 * only once it is on stdout, and reads the next one only then: a reader that does not keep up holds the peer
 * back. Other lines (a server's listening line) go through the same thread, in order.
 */
final class StdoutPrinter implements MessageSink<String> {
    private final PrintStream out;
    private final ExecutorService printer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tcpip-stdout");
        t.setDaemon(true);
        return t;
    });

    /**
     * Prints on a stream.
     *
     * @param stdout where the lines go (the process's standard output)
     */
    StdoutPrinter(OutputStream stdout) {
        this.out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
    }

    /**
     * Prints a message as one line.
     *
     * @param message the message
     * @return completed once printed and flushed; failed if stdout cannot be written (closed), or once the
     *     printer has been {@linkplain #drain drained}
     */
    @Override
    public Future<Void> put(String message) {
        Promise<Void> printed = Promise.promise();
        try {
            printer.execute(() -> {
                if (print(message)) {
                    printed.complete();
                } else {
                    printed.fail(new IOException("cannot write to standard output (closed?)"));
                }
            });
        } catch (RejectedExecutionException e) {
            printed.fail(new IOException("standard output is no longer written", e));
        }
        return printed.future();
    }

    /**
     * Prints a line after everything put before it.
     *
     * @param line the line
     */
    void line(String line) {
        try {
            printer.execute(() -> print(line));
        } catch (RejectedExecutionException e) {
            // drained: the program is ending
        }
    }

    /**
     * Prints what has been put, then nothing more.
     *
     * @param timeout how long to wait for the lines still to print
     * @return whether they were all printed in time
     */
    boolean drain(Duration timeout) {
        printer.shutdown();
        try {
            return printer.awaitTermination(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            out.flush();
        }
    }

    private boolean print(String line) {
        out.println(line);
        out.flush();
        return !out.checkError();
    }
}
