package dev.tcpip.bench.load;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;

/**
 * A one-way sink: a {@link OneClientReadLoopServer} that reads a header line {@code COUNT n}, then
 * {@code n} items, one per {@link #readAndDispatch()} call, checks each against the item number it expects
 * (see {@link Items}), and answers {@code OK n checksum} once it has read them all, or {@code ERR why} at
 * the first wrong item (and then drops the client). The same client may then send another header.
 */
public abstract class SinkServer extends OneClientReadLoopServer {
    private static final ConnectCallback<OneClientServer> RESET =
        ConnectCallback.of(server -> ((SinkServer) server).reset());

    /** Items announced by the current header, or -1 while waiting for a header. */
    private long expected = -1;
    private long received;
    private long checksum;

    /**
     * @param options the server options (127.0.0.1 and port 0 by default)
     */
    protected SinkServer(ServerOptions options) {
        super(options, RESET);
    }

    private void reset() {
        expected = -1;
        received = 0;
        checksum = 0;
    }

    @Override
    protected final Future<Void> readAndDispatch() {
        if (expected < 0) {
            return readStr().compose(this::header);
        }
        return readItem(received);
    }

    private Future<Void> header(String line) {
        String[] words = line.trim().split(" ");
        long n;
        try {
            if (words.length != 2 || !words[0].equals(Items.COUNT)) {
                throw new NumberFormatException();
            }
            n = Long.parseLong(words[1]);
        } catch (NumberFormatException e) {
            return refuse("bad header: " + line);
        }
        expected = n;
        received = 0;
        checksum = 0;
        return n == 0 ? answer() : Future.succeededFuture();
    }

    /**
     * Counts an item that was read and found right.
     *
     * @param itemChecksum the item's contribution to the checksum
     * @return a future completed when the next read may start (after the answer, for the last item)
     */
    protected final Future<Void> accept(long itemChecksum) {
        checksum += itemChecksum;
        received++;
        return received == expected ? answer() : Future.succeededFuture();
    }

    private Future<Void> answer() {
        String line = Items.OK + " " + received + " " + checksum;
        expected = -1;
        return writeStr(line);
    }

    /**
     * Answers {@code ERR why} and drops the client.
     *
     * @param why what was wrong
     * @return a failed future (the read loop then drops the client)
     */
    protected final Future<Void> refuse(String why) {
        log.warn("{}: {}", describe(), why);
        return writeStr(Items.ERR + " " + why)
            .transform(ar -> Future.failedFuture(new IllegalStateException(why)));
    }

    /**
     * Reads item {@code i} and checks it.
     *
     * @param i the item number expected
     * @return {@link #accept(long)} with the item's contribution to the checksum, or {@link #refuse} for a
     *     wrong item
     */
    protected abstract Future<Void> readItem(long i);
}
