package dev.tcpip.udp.chat;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.udp.BackgroundTask;
import dev.tcpip.udp.DatagramOptions;
import dev.tcpip.udp.DatagramReply;
import dev.tcpip.udp.DatagramServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * python-easyservers' chat example, as a {@link DatagramServer} of UTF-8 text datagrams. Its state (who has
 * joined, unanswered pings) lives on the server's context: the handler and the ping task both run there, in
 * turn, so nothing is shared between threads (the original mutated lists from two threads without a lock).
 *
 * <p>The protocol, one command per datagram (a reply is one datagram to the sender unless said otherwise):
 * <ul>
 *   <li>{@code JOIN <name>}: {@code JOK}; {@code JERR NAME TAKEN} if another address has the name;
 *       {@code JERR ALREADY JOINED} if this address joined under another name; {@code ERR NO NAME} without a
 *       name. A name is one word.</li>
 *   <li>{@code MSGA <text>}: {@code (<sender>) <text>} to every joined user, the sender included.</li>
 *   <li>{@code MSGP (<name>) <text>}: {@code (<sender>) <text>} to that user and to the sender;
 *       {@code ERR UNKNOWN USER <name>} if nobody has the name; {@code ERR BAD MSGP} if the command is not of
 *       that form (an empty name included).</li>
 *   <li>{@code EXIT}: the sender leaves; no reply.</li>
 *   <li>{@code PONG}: the answer to {@code PING}; no reply.</li>
 *   <li>Anything else from a joined user: {@code ERR UNKNOWN COMMAND}. Anything but {@code JOIN} from an
 *       address that has not joined: {@code ERR NOT JOINED}.</li>
 * </ul>
 * A datagram's trailing CR, LF, spaces and tabs are ignored, so line-based tools ({@code nc -u}) work; words
 * are separated by one space.
 *
 * <p>Every ping interval the server sends {@code PING} to every joined user and counts it as unanswered until a
 * {@code PONG} comes; a user whose unanswered pings then exceed the maximum is dropped (with the defaults, 10 s
 * and 3: at the fourth unanswered ping, 30 to 40 s after the user last answered).
 */
public final class ChatServer {
    /** The port of {@code tcpip.jar chat-server} unless told otherwise (python-easyservers' README used 15123). */
    public static final int DEFAULT_PORT = 1234;
    /** The chat example's ping interval: 10 s. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    /** The chat example's limit of unanswered pings: 3. */
    public static final int DEFAULT_MAX_MISSED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    private final DatagramServer<String> server;
    private final int maxMissed;
    private final BackgroundTask pings;
    /** Joined users by address ("host:port"), in joining order; confined to the server's context. */
    private final Map<String, User> users = new LinkedHashMap<>();

    private static final class User {
        final String name;
        final SocketAddress address;
        int missed;

        User(String name, SocketAddress address) {
            this.name = name;
            this.address = address;
        }
    }

    /**
     * Creates a chat server, not yet bound.
     *
     * @param vertx        the Vert.x instance
     * @param options      where to bind (set the port: {@link #DEFAULT_PORT} is the example's), the maximum
     *                     datagram size; handlers always run on the server's context
     * @param pingInterval the time between pings, at least 1 ms
     * @param maxMissed    how many unanswered pings a user may have, at least 0
     */
    public ChatServer(Vertx vertx, DatagramOptions options, Duration pingInterval, int maxMissed) {
        if (maxMissed < 0) {
            throw new IllegalArgumentException("maxMissed must not be negative, got " + maxMissed);
        }
        this.maxMissed = maxMissed;
        this.server = DatagramServer.create(vertx, new DatagramOptions(options).setHandlerThreads(0), PayloadCodec.string(),
            this::handle);
        this.pings = server.task("ping", Objects.requireNonNull(pingInterval, "pingInterval"), this::ping, false);
    }

    /**
     * Binds and starts pinging.
     *
     * @return the UDP port bound; failed if it cannot be bound
     */
    public Future<Integer> start() {
        return server.start().compose(port -> pings.start().map(port));
    }

    /**
     * Stops: the port is released and the pings end.
     *
     * @return completed once closed
     */
    public Future<Void> close() {
        return server.close();
    }

    /** {@return the datagram server underneath: its port and counters} */
    public DatagramServer<String> server() {
        return server;
    }

    /** {@return the names of the joined users, in joining order} */
    public Future<List<String>> users() {
        return dev.tcpip.core.Tcpip.onContext(server.context(), () -> {
            List<String> names = new ArrayList<>();
            users.values().forEach(u -> names.add(u.name));
            return Future.succeededFuture(names);
        });
    }

    private void handle(String datagram, SocketAddress sender, DatagramReply<String> reply) {
        String message = datagram.stripTrailing();   // "EXIT\n" from a line-based tool is EXIT
        String key = key(sender);
        User user = users.get(key);
        String command = firstWord(message);
        String rest = message.length() > command.length() ? message.substring(command.length() + 1) : "";
        if (command.equals("JOIN")) {
            join(firstWord(rest.strip()), user, sender, key, reply);
        } else if (user == null) {
            reply.send("ERR NOT JOINED", sender);
        } else {
            switch (command) {
                case "MSGA" -> {
                    for (User u : users.values()) {
                        reply.send("(" + user.name + ") " + rest, u.address);
                    }
                }
                case "MSGP" -> privateMessage(user, rest, reply);
                case "EXIT" -> {
                    users.remove(key);
                    LOG.info("{} left", user.name);
                }
                case "PONG" -> user.missed = 0;
                default -> reply.send("ERR UNKNOWN COMMAND", sender);
            }
        }
    }

    private void join(String name, User already, SocketAddress sender, String key, DatagramReply<String> reply) {
        if (name.isEmpty()) {
            reply.send("ERR NO NAME", sender);
        } else if (already != null) {
            reply.send(already.name.equals(name) ? "JOK" : "JERR ALREADY JOINED", sender);
        } else if (users.values().stream().anyMatch(u -> u.name.equals(name))) {
            reply.send("JERR NAME TAKEN", sender);
        } else {
            users.put(key, new User(name, sender));
            LOG.info("{} joined from {}", name, sender);
            reply.send("JOK", sender);
        }
    }

    private void privateMessage(User from, String rest, DatagramReply<String> reply) {
        int close = rest.indexOf(") ");
        if (!rest.startsWith("(") || close < 2) {
            reply.send("ERR BAD MSGP", from.address);
            return;
        }
        String name = rest.substring(1, close);
        String text = rest.substring(close + 2);
        User to = users.values().stream().filter(u -> u.name.equals(name)).findFirst().orElse(null);
        if (to == null) {
            reply.send("ERR UNKNOWN USER " + name, from.address);
            return;
        }
        String line = "(" + from.name + ") " + text;
        reply.send(line, to.address);
        if (to != from) {
            reply.send(line, from.address);
        }
    }

    private void ping() {
        for (Iterator<User> it = users.values().iterator(); it.hasNext(); ) {
            User u = it.next();
            server.send("PING", u.address);
            if (++u.missed > maxMissed) {
                it.remove();
                LOG.info("{} dropped: {} pings unanswered", u.name, u.missed);
            }
        }
    }

    private static String firstWord(String s) {
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    private static String key(SocketAddress address) {
        return address.host() + ":" + address.port();
    }
}
