package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.CancellationException;

/** What the sources share about their waiting takes; on their context. */
final class Takers {
    private Takers() {
    }

    /**
     * Withdraws a waiting take: removed, and failed with {@link CancellationException}.
     *
     * @param takers the waiting takes
     * @param take   the one to withdraw
     * @param <T>    the message type
     * @return whether it was still waiting
     */
    static <T> boolean withdraw(Collection<Promise<T>> takers, Future<T> take) {
        for (Iterator<Promise<T>> it = takers.iterator(); it.hasNext(); ) {
            Promise<T> p = it.next();
            if (p.future() == take) {
                it.remove();
                p.fail(new CancellationException("take cancelled"));
                return true;
            }
        }
        return false;
    }
}
