package dev.tcpip.struct.golden;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.golden.GoldenStructs.AlignedHoldsPacked;
import dev.tcpip.struct.golden.GoldenStructs.AllArrays;
import dev.tcpip.struct.golden.GoldenStructs.EnvelopeBE;
import dev.tcpip.struct.golden.GoldenStructs.Point;
import dev.tcpip.struct.golden.GoldenStructs.ScalarsBE;
import dev.tcpip.struct.golden.GoldenStructs.ScalarsLE;
import dev.tcpip.struct.golden.GoldenStructs.Strings;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageProtocol;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testkit.OneClientServerTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structs both ways between Java endpoints and a live Python asyncio + ctypes peer
 * ({@code src/test/python/struct_peer.py}; its docstring describes the exchange): Python as the client of a
 * {@link OneClientServer}, and Python as the server of a {@link Client}. Skipped, with a message, when
 * python3 is not on PATH.
 */
class PythonPeerTest extends OneClientServerTestBase {
    /** How long the whole Python script may take. */
    private static final Duration PYTHON_DEADLINE = Duration.ofSeconds(90);
    /** How long Python may take to start and connect or listen (a loaded machine starts it slowly). */
    private static final Duration PYTHON_START = Duration.ofSeconds(30);
    private static final long KEEP_TOP_BIT = 0x7FFF_FFFF_FFFF_FFFFL;
    private static final int POINT_ID = 1;
    private static final int ENVELOPE_ID = 2;

    private static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(POINT_ID, Point.class, Point::new)
        .register(ENVELOPE_ID, EnvelopeBE.class, EnvelopeBE::new)
        .build();

    @Test
    void pythonClientExchangesStructsWithAOneClientServer(@TempDir Path dir) throws Exception {
        PythonProcess.python3();   // skips the test when there is none
        OneClientServer server = createServer();
        try (PythonProcess python = PythonProcess.start(dir, "struct_peer.py", "client", String.valueOf(server.port()))) {
            exchangeAndFinish(python, () -> {
                kit().assertNextConnected(true, PYTHON_START);
                return server;
            });
        }
    }

    @Test
    void pythonServerExchangesStructsWithAClient(@TempDir Path dir) throws Exception {
        try (PythonProcess python = PythonProcess.start(dir, "struct_peer.py", "server")) {
            exchangeAndFinish(python, () -> {
                String line = python.readLine(PYTHON_START);
                assertNotNull(line, "the Python server printed no port within " + PYTHON_START);
                assertTrue(line.startsWith("PORT "), "expected PORT <n>, got: " + line);
                int port = Integer.parseInt(line.substring("PORT ".length()).trim());
                Client client = kit().deploy(new Client(new ClientOptions().setHost("127.0.0.1").setPort(port)));
                assertTrue(client.connected());
                return client;
            });
        }
    }

    /** Runs the Java side; on any failure there, shows what Python said; then checks Python's exit status. */
    private void exchangeAndFinish(PythonProcess python, Callable<BaseClientOrServer> connect) throws Exception {
        BaseClientOrServer endpoint = null;
        try {
            endpoint = connect.call();
            exchange(endpoint);
        } catch (Throwable t) {
            if (endpoint != null) {
                try {
                    await(endpoint.close());   // so that Python, waiting for more, sees the end of the stream
                } catch (Exception closeError) {
                    t.addSuppressed(closeError);
                }
            }
            int exit = python.waitFor(Duration.ofSeconds(10));   // Python may have failed first: let it say why
            throw new AssertionError("Java side of the exchange failed: " + t + " (python exit status " + exit + ")"
                + python.output(), t);
        }
        int exit = python.waitFor(PYTHON_DEADLINE);
        assertEquals(0, exit, "python peer failed (exit status " + exit
            + "; 1: a mismatch, 2: an error, -1: killed after " + PYTHON_DEADLINE + ")" + python.output());
        assertTrue(python.stdout().lines().reduce((a, b) -> b).orElse("").startsWith("OK "),
            "python peer did not end with OK" + python.output());
    }

    private void exchange(BaseClientOrServer endpoint) throws Exception {
        // 1. Java -> Python: six structs of five layouts, back to back, in one write.
        ScalarsLE scalars = GoldenSamples.scalarsLeMixed();
        Strings strings = GoldenSamples.stringsUnicode();
        EnvelopeBE envelope = GoldenSamples.envelopeBe();
        AlignedHoldsPacked aligned = GoldenSamples.alignedHoldsPacked();
        ScalarsBE scalarsBe = GoldenSamples.scalarsBeMax();
        AllArrays arrays = GoldenSamples.allArrays();
        await(Structs.writeFrom(endpoint, scalars, strings, envelope, aligned, scalarsBe, arrays));

        // 2. Python -> Java: the replies Python derived (struct_peer.reply_structs), checked field by field.
        assertComplement("ScalarsLE reply", Scalars.of(scalars), Scalars.of(await(Structs.readInto(endpoint, new ScalarsLE()))));
        assertReversed(strings, await(Structs.readInto(endpoint, new Strings())));
        assertEnvelopeReply(envelope, await(Structs.readInto(endpoint, new EnvelopeBE())));
        assertAlignedReply(aligned, await(Structs.readInto(endpoint, new AlignedHoldsPacked())));
        assertComplement("ScalarsBE reply", Scalars.of(scalarsBe), Scalars.of(await(Structs.readInto(endpoint, new ScalarsBE()))));

        // 3. A message Python framed by hand with a StandardHeader.
        MessageChannel<StandardHeader> channel = PROTOCOL.channel(endpoint);
        Message<StandardHeader> message = await(channel.readMessage());
        assertEquals(POINT_ID, message.id());
        assertEquals(1, message.header().sequence());
        assertEquals(8, message.header().bodySize());
        assertTrue(message.header().timestamp.get() > 1.6e9, "Unix seconds: " + message.header().timestamp.get());
        Point point = message.body(Point.class);
        assertEquals(-7, point.x.get());
        assertEquals(Integer.MAX_VALUE, point.y.get());

        // 4. Two messages stamped by MessageChannel.writeMessage; Python checks the headers and bodies.
        for (int sequence = 1; sequence <= 2; sequence++) {
            EnvelopeBE body = GoldenSamples.envelopeBe();
            body.id.set(1000 + sequence);
            await(channel.writeMessage(body));
        }
    }

    /** The scalar fields of ScalarsLE / ScalarsBE. */
    private record Scalars(boolean flag, byte i8, short u8, short i16, int u16, int i32, long u32, long i64,
                           BigInteger u64, float f32, double f64) {
        static Scalars of(ScalarsLE s) {
            return new Scalars(s.flag.get(), s.i8.get(), s.u8.get(), s.i16.get(), s.u16.get(), s.i32.get(),
                s.u32.get(), s.i64.get(), s.u64.getUnsigned(), s.f32.get(), s.f64.get());
        }

        static Scalars of(ScalarsBE s) {
            return new Scalars(s.flag.get(), s.i8.get(), s.u8.get(), s.i16.get(), s.u16.get(), s.i32.get(),
                s.u32.get(), s.i64.get(), s.u64.getUnsigned(), s.f32.get(), s.f64.get());
        }
    }

    /** struct_peer.complement: integers bit-inverted in their width (uint64 keeps its top bit), f32 negated, f64 doubled. */
    private static void assertComplement(String what, Scalars sent, Scalars got) {
        assertEquals(!sent.flag(), got.flag(), what + ".flag");
        assertEquals((byte) ~sent.i8(), got.i8(), what + ".i8");
        assertEquals((short) (sent.u8() ^ 0xFF), got.u8(), what + ".u8");
        assertEquals((short) ~sent.i16(), got.i16(), what + ".i16");
        assertEquals(sent.u16() ^ 0xFFFF, got.u16(), what + ".u16");
        assertEquals(~sent.i32(), got.i32(), what + ".i32");
        assertEquals(sent.u32() ^ 0xFFFF_FFFFL, got.u32(), what + ".u32");
        assertEquals(~sent.i64(), got.i64(), what + ".i64");
        BigInteger u64 = sent.u64().xor(BigInteger.valueOf(KEEP_TOP_BIT));
        assertEquals(u64, got.u64(), what + ".u64");
        assertTrue(u64.compareTo(GoldenSamples.TWO_TO_63) >= 0, what + ".u64 is from 2^63 up: " + u64);
        assertEquals(Float.floatToRawIntBits(-sent.f32()), Float.floatToRawIntBits(got.f32()), what + ".f32 " + got.f32());
        assertEquals(Double.doubleToRawLongBits(sent.f64() * 2), Double.doubleToRawLongBits(got.f64()),
            what + ".f64 " + got.f64());
    }

    private static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();   // by code point: surrogate pairs stay whole
    }

    private static void assertReversed(Strings sent, Strings got) {
        assertEquals("hcirüZ", got.city.get(), "Strings reply.city");
        assertEquals(reversed(sent.euro.get()), got.euro.get(), "Strings reply.euro");
        assertEquals("都京東", got.cjk.get(), "Strings reply.cjk");
        assertEquals("🚀", got.emoji.get(), "Strings reply.emoji");
        assertEquals("olleh", got.ascii.get(), "Strings reply.ascii");
        assertEquals("", got.empty.get(), "Strings reply.empty");
        assertEquals(reversed("naïve café – 5 €"), got.mixed.get(), "Strings reply.mixed");
        assertEquals(sent.after.get() ^ 0xFFFF, got.after.get(), "Strings reply.after");
    }

    private static void assertEnvelopeReply(EnvelopeBE sent, EnvelopeBE got) {
        assertEquals(sent.id.get() + 1, got.id.get(), "EnvelopeBE reply.id");
        assertEquals(sent.inner.tag.get() ^ 0xFF, got.inner.tag.get(), "EnvelopeBE reply.inner.tag");
        assertEquals(-sent.inner.value.get(), got.inner.value.get(), "EnvelopeBE reply.inner.value");
        assertEquals(sent.inner.count.get() + 1, got.inner.count.get(), "EnvelopeBE reply.inner.count");
        assertEquals(sent.points[1].y.get(), got.points[0].x.get(), "EnvelopeBE reply.points[0].x");
        assertEquals(sent.points[1].x.get(), got.points[0].y.get(), "EnvelopeBE reply.points[0].y");
        assertEquals(sent.points[0].y.get(), got.points[1].x.get(), "EnvelopeBE reply.points[1].x");
        assertEquals(sent.points[0].x.get(), got.points[1].y.get(), "EnvelopeBE reply.points[1].y");
        assertEquals("nlöK", got.name.get(), "EnvelopeBE reply.name");
        assertEquals(!sent.ok.get(), got.ok.get(), "EnvelopeBE reply.ok");
        assertEquals(sent.big.getUnsigned().xor(BigInteger.valueOf(KEEP_TOP_BIT)), got.big.getUnsigned(),
            "EnvelopeBE reply.big");
        assertEquals(sent.ratio.get() * 4, got.ratio.get(), "EnvelopeBE reply.ratio");
    }

    private static void assertAlignedReply(AlignedHoldsPacked sent, AlignedHoldsPacked got) {
        String what = "AlignedHoldsPacked reply";
        assertEquals(sent.head.get(), got.head.get(), what + ".head");
        assertEquals(sent.packed.tag.get(), got.packed.tag.get(), what + ".packed.tag");
        assertEquals(sent.packed.value.get(), got.packed.value.get(), what + ".packed.value");
        assertEquals(sent.packed.count.get(), got.packed.count.get(), what + ".packed.count");
        assertEquals("€", got.code.get(), what + ".code");
        assertEquals(sent.x.get() + 1, got.x.get(), what + ".x");
        assertEquals(sent.inner.tag.get(), got.inner.tag.get(), what + ".inner.tag");
        assertEquals(sent.inner.value.get() + 1.5, got.inner.value.get(), what + ".inner.value");
        assertEquals(sent.inner.count.get(), got.inner.count.get(), what + ".inner.count");
        for (int i = 0; i < 2; i++) {
            assertEquals(sent.more[i].tag.get(), got.more[i].tag.get(), what + ".more[" + i + "].tag");
            assertEquals(sent.more[i].value.get(), got.more[i].value.get(), what + ".more[" + i + "].value");
        }
        assertEquals(sent.more[0].count.get(), got.more[0].count.get(), what + ".more[0].count");
        assertEquals(sent.more[1].count.get() * 3, got.more[1].count.get(), what + ".more[1].count");
        assertEquals(!sent.flag.get(), got.flag.get(), what + ".flag");
        assertEquals(sent.tail.get(), got.tail.get(), what + ".tail");
    }
}
