package dev.tcpip.bench.load;

import dev.tcpip.bench.model.Sample32;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.struct.Structs;
import io.vertx.core.Future;

/**
 * Server (d): a one-way sink of {@link Sample32} structs, each read with {@link Structs#readInto} into one
 * reused struct and checked field by field.
 */
public final class StructSink extends SinkServer {
    private final Sample32 struct = new Sample32();

    /**
     * A sink on 127.0.0.1, any free port.
     */
    public StructSink() {
        super(new ServerOptions().setName("struct-sink"));
    }

    @Override
    protected Future<Void> readItem(long i) {
        return Structs.readInto(this, struct).compose(s -> {
            String wrong = Items.check(s, i);
            return wrong == null ? accept(s.counter.get()) : refuse(wrong);
        });
    }
}
