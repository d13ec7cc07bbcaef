package dev.tcpip.struct;

import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;

/**
 * Run in a fresh JVM by {@link JavolutionQuietTest}: uses javolution the way a program would, first thing,
 * then reports on stderr which threads exist. Nothing may reach stdout.
 */
public final class QuietProbe {

    /** A plain javolution struct, not a CStruct. */
    public static final class Plain extends Struct {
        public final Signed32 value = new Signed32();
    }

    private QuietProbe() {
    }

    public static void main(String[] args) throws Exception {
        SampleStructs.Trivial t = new SampleStructs.Trivial();   // first touch of javolution
        t.aDouble.set(1.5);
        Plain p = new Plain();
        p.value.set(7);
        Buffer b = Structs.encode(t, p);
        Structs.decode(b, 0, new SampleStructs.Trivial());
        new SampleStructs.Network().name.set("ok");
        // No wait needed for javolution's own printer: its shutdown hook flushes its queue before exit.
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            System.err.println("thread: " + thread.getName());
        }
        System.err.println("encoded " + b.length() + " bytes");
    }
}
