package dev.tcpip.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ServerID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;

/**
 * The one place that touches Vert.x and Netty internals: not API, may change in any release. Each use has a
 * fallback that keeps the library working, with less speed or precision, if a Vert.x upgrade removes the
 * internal; {@code VertxInternalsTest} pins that the internal path is the one taken, so such an upgrade fails
 * the build loudly instead of degrading quietly.
 */
public final class VertxInternals {
    private static final Logger LOG = LoggerFactory.getLogger(VertxInternals.class);

    private VertxInternals() {
    }

    /**
     * The Netty buffer behind a Vert.x buffer, sharing its memory and indexes: for searching with Netty's
     * SWAR {@code indexOf} and for writing JSON into the buffer without a copy.
     *
     * @param buffer a buffer
     * @return its Netty buffer, or null if it is not one of Vert.x's own (fallback: use {@link Buffer}'s methods)
     */
    public static ByteBuf unwrap(Buffer buffer) {
        return buffer instanceof BufferInternal ? ((BufferInternal) buffer).unwrap() : null;
    }

    /**
     * A promise whose callbacks run on the context, whatever thread completes it.
     *
     * @param context the context
     * @param <T>     the result type
     * @return the promise (fallback: a plain promise, whose callbacks run on the completing thread)
     */
    public static <T> Promise<T> promise(Context context) {
        return context instanceof ContextInternal ? ((ContextInternal) context).promise() : Promise.promise();
    }

    /**
     * Tells whether the calling thread runs on the context: also true on a duplicate of it (Vert.x hands
     * callbacks duplicated contexts that share its event loop and ordering).
     *
     * @param context the context
     * @return whether the caller is on it (fallback: the current context is the same object)
     */
    public static boolean isCurrent(Context context) {
        Context current = Vertx.currentContext();
        if (current == null) {
            return false;
        }
        if (current instanceof ContextInternal && context instanceof ContextInternal) {
            return ((ContextInternal) current).unwrap() == ((ContextInternal) context).unwrap();
        }
        return current == context;
    }

    /**
     * Netty closes a socket as soon as a write to it fails, so bytes the peer sent before it reset, which the
     * kernel already holds, would never be read. With auto-close off a failed write only shuts our output
     * down: reading goes on, and the reset then ends the stream as its cause.
     *
     * @param socket a socket of Vert.x's
     * @return true if done (fallback: false, logged once at DEBUG; such bytes may then be lost)
     */
    public static boolean keepReadingAfterAWriteError(NetSocket socket) {
        Channel channel = channel(socket);
        if (channel == null) {
            LOG.debug("cannot turn auto-close off on {}: not a Netty channel of Vert.x's", socket);
            return false;
        }
        channel.config().setAutoClose(false);
        return true;
    }

    /**
     * The Netty channel of a socket: for TCP keepalive options and a bounded close.
     *
     * @param socket a socket of Vert.x's
     * @return its channel, or null (fallback: the caller does without)
     */
    public static Channel channel(NetSocket socket) {
        return socket instanceof NetSocketInternal ? ((NetSocketInternal) socket).channelHandlerContext().channel() : null;
    }

    /**
     * The TCP server of this Vert.x instance listening on a host and a non-zero port, if any: Vert.x would let
     * a second server share that port, taking turns at its connections, which a one-client server must refuse.
     *
     * @param vertx the Vert.x instance
     * @param host  the host
     * @param port  the port (&gt; 0)
     * @return the server listening there, or null (fallback: null, sharing is then not detected)
     */
    public static Object sharedTcpServer(Vertx vertx, String host, int port) {
        if (!(vertx instanceof VertxInternal)) {
            return null;
        }
        return ((VertxInternal) vertx).sharedTcpServers().get(new ServerID(port, host));
    }

    /**
     * The Netty channel of a datagram socket, to size its kernel receive queue apart from its receive
     * allocator: Vert.x's one option sets both, so a 2049-byte allocator (which lets a datagram longer than
     * 2048 bytes be recognised) would also leave the kernel a queue of a few KiB, and a burst would be dropped.
     * Reads Vert.x's private field {@code DatagramSocketImpl.channel}.
     *
     * @param socket a datagram socket of Vert.x's, bound
     * @return its channel, or null (fallback: the caller keeps the kernel queue Vert.x set)
     */
    public static Channel datagramChannel(DatagramSocket socket) {
        try {
            java.lang.reflect.Field field = socket.getClass().getDeclaredField("channel");
            field.setAccessible(true);
            Object channel = field.get(socket);
            return channel instanceof Channel ? (Channel) channel : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot reach the channel of {}: {}", socket, e.toString());
            return null;
        }
    }

    /**
     * Puts a length limit in front of whatever reads a socket whose bytes are frames of a 4-byte big-endian
     * length and that many bytes (the TCP event-bus bridge's framing, which has no maximum of its own): whole
     * frames only are passed on, and a frame that declares more than {@code maxPayload} bytes, or a negative
     * length, closes the connection before any of it is buffered. Call it in the server's connect handler,
     * before the socket has been read.
     *
     * @param socket     a socket of Vert.x's, just accepted
     * @param maxPayload the largest payload, in bytes, after the 4-byte length
     * @param what       names the server in the log line of a refused frame
     * @return true if the limit is in place (fallback: false, and the socket is closed, since nothing would
     *     bound what it buffers)
     */
    public static boolean limitLengthPrefixedFrames(NetSocket socket, int maxPayload, String what) {
        Channel channel = channel(socket);
        if (channel == null) {
            LOG.warn("{}: cannot limit the frames of {}: not a Netty channel of Vert.x's; closing it", what, socket);
            socket.close();
            return false;
        }
        // addFirst twice: the decoder ends up first, and the handler that closes on its errors right after it.
        channel.pipeline().addFirst("tcpip-frame-limit-errors", new ChannelInboundHandlerAdapter() {
            private boolean closing;

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
                    if (!closing) {   // the decoder fails again on what is still buffered until the close is done
                        closing = true;
                        LOG.warn("{}: closing the connection from {}: {}", what, ctx.channel().remoteAddress(),
                            cause.getMessage());
                        ctx.close();
                    }
                } else {
                    ctx.fireExceptionCaught(cause);
                }
            }
        });
        channel.pipeline().addFirst("tcpip-frame-limit", new LengthFieldBasedFrameDecoder(
            Integer.MAX_VALUE, 0, 4, 0, 0, true) {
            @Override
            protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length,
                                                    ByteOrder order) {
                long n = super.getUnadjustedFrameLength(buf, offset, length, order);
                if (n < 0 || n > maxPayload) {
                    throw new TooLongFrameException("a frame of " + (n & 0xFFFFFFFFL) + " bytes, over the maximum of "
                        + maxPayload);
                }
                return n;
            }
        });
        return true;
    }

    /**
     * The {@link NetServer} an object keeps in a private field: the TCP event-bus bridge's, whose connect
     * handler must be wrapped (to limit frames before the bridge reads them) and whose {@code listen(0, host)}
     * does not say which port the system picked.
     *
     * @param owner the object holding the server
     * @param field the name of its {@code NetServer} field ({@code "server"} in Vert.x's
     *              {@code TcpEventBusBridgeImpl})
     * @return the server, or null if there is no such field (fallback: the caller refuses to go on)
     */
    public static NetServer netServerField(Object owner, String field) {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                Object server = f.get(owner);
                return server instanceof NetServer ? (NetServer) server : null;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("cannot read {}.{}: {}", owner.getClass().getName(), field, e.toString());
                return null;
            }
        }
        LOG.debug("no field {} in {}", field, owner.getClass().getName());
        return null;
    }
}
