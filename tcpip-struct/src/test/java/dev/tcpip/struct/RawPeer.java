package dev.tcpip.struct;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A hostile peer on a plain blocking {@link Socket}, outside Vert.x: it sends raw bytes and leaves the way a
 * crashed or careless program does (close, reset, half-close). Loopback only.
 */
public final class RawPeer implements AutoCloseable {
    /** How a peer leaves a connection. */
    public enum Departure {
        /** An orderly close: FIN. */
        CLOSE,
        /** {@code SO_LINGER} 0 then close: the kernel sends RST, as for a crashed process. */
        RESET,
        /** {@code shutdownOutput()}: FIN on the sending side, the socket stays open for reading. */
        HALF_CLOSE
    }

    private final Socket socket;

    private RawPeer(Socket socket) {
        this.socket = socket;
    }

    /**
     * @param port a loopback port
     * @return a connected peer whose reads time out after 10 s
     * @throws IOException if it cannot connect
     */
    public static RawPeer connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        return new RawPeer(s);
    }

    /**
     * @return the socket
     */
    public Socket socket() {
        return socket;
    }

    /**
     * @param bytes sent at once, in one write
     * @return this peer
     * @throws IOException on a socket error
     */
    public RawPeer send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Leaves as asked.
     *
     * @param how close, reset or half-close
     * @throws IOException on a socket error
     */
    public void leave(Departure how) throws IOException {
        switch (how) {
            case CLOSE -> socket.close();
            case RESET -> {
                socket.setSoLinger(true, 0);
                socket.close();
            }
            case HALF_CLOSE -> socket.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
