package dev.tcpip.bench.load;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.message.MessageListener;
import dev.tcpip.core.message.MessageListenerOptions;
import dev.tcpip.core.message.MessageSocket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The two frame-echo servers of the frames mode: 4-byte signed big-endian length, then the payload,
 * each frame sent back as it came. Both take payloads up to {@value #MAX_PAYLOAD} bytes, bind 127.0.0.1
 * on a free port, and serve every connection on one event-loop thread (with one more thread that
 * accepts).
 */
final class FrameEchoServers {
    private static final Logger LOG = LoggerFactory.getLogger(FrameEchoServers.class);
    /** The largest payload either server takes. */
    static final int MAX_PAYLOAD = 1 << 20;

    private FrameEchoServers() {
    }

    /**
     * Server (f): this project's {@link MessageListener} with {@link PayloadCodec#bytes()}, each socket's
     * handler sending every message back, {@code s.handler(s::send)}: the next frame is read once the
     * echo is queued below the write queue's high-water mark. Its sockets all live on the listener's
     * context, one event loop.
     *
     * @param vertx the Vert.x instance
     * @return the port, once listening on 127.0.0.1
     */
    static Future<Integer> messageEcho(Vertx vertx) {
        MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx,
            new MessageListenerOptions().setMaxFrameLength(MAX_PAYLOAD), PayloadCodec.bytes());
        listener.connectionHandler(s -> s.handler(s::send));
        return listener.listen();
    }

    /**
     * Server (g): raw Netty, the idiomatic way: {@code LengthFieldBasedFrameDecoder(max, 0, 4, 0, 4)} and
     * {@code LengthFieldPrepender(4)}, each frame written in {@code channelRead} without a flush and one
     * flush per read burst in {@code channelReadComplete}, as Netty's own echo example, with no
     * backpressure of its own (stopping reads while the channel is not writable, with {@code setAutoRead},
     * made Netty 4.2.16 run out of direct memory on 64 KiB frames: its cumulation buffer grew to 0.5 GB).
     * One worker event loop (NIO, like Vert.x here) serves every connection, as the listener's one
     * context does for (f).
     *
     * @return the port, once listening on 127.0.0.1
     */
    static Future<Integer> nettyEcho() {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup worker = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ChannelHandler echo = new Echo();
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, worker)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(
                        new CopyingFrameDecoder(),
                        new LengthFieldPrepender(4),
                        echo);
                }
            });
        Promise<Integer> port = Promise.promise();
        ChannelFuture bound = bootstrap.bind("127.0.0.1", 0);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                port.complete(((InetSocketAddress) bound.channel().localAddress()).getPort());
            } else {
                port.fail(f.cause());
            }
        });
        return port.future();
    }

    /**
     * {@code LengthFieldBasedFrameDecoder(max, 0, 4, 0, 4)} whose frames are copies, as (f)'s reader makes
     * them: Netty's default, a slice of the cumulation buffer, pins that buffer while the frame's echo waits
     * to be flushed, so the cumulation is copied and grown instead of reused, which with 64 KiB frames
     * grew it past the direct memory.
     */
    private static final class CopyingFrameDecoder extends LengthFieldBasedFrameDecoder {
        CopyingFrameDecoder() {
            super(MAX_PAYLOAD + EchoPattern.HEADER, 0, 4, 0, 4);
        }

        @Override
        protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
            return ctx.alloc().buffer(length).writeBytes(buffer, index, length);
        }
    }

    /**
     * Writes every frame back without a flush; flushes once per read burst; stops reading while the channel
     * is not writable (the client does not read as fast as it sends), as (f) does.
     */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }


        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("raw Netty frame echo: closing {}: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
