package dev.tcpip.mock;

import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drive client in-process, against an in-process controller (or a misbehaving stand-in). */
class DriveTest extends OneClientServerTestBase {
    private static final Pattern TELEMETRY_LINE = Pattern.compile("telemetry #\\d+ az=\\d+\\.\\d{3} el=\\d+\\.\\d{3}"
        + " vel=\\(-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3}\\) target=\\(120\\.000, 45\\.000\\) state=(MOVING|IDLE)"
        + " in_position=(true|false)");

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private MockController createController() throws Exception {
        return createServer(cb -> new MockController(new ServerOptions(), MockProtocol.DEFAULT_TELEMETRY_HZ, cb));
    }

    private Future<Integer> drive(OneClientServer server, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = Integer.toString(server.port());
        System.arraycopy(args, 0, all, 2, args.length);
        return Drive.run(vertx(), CommandLineParsing.drive(all), lines::add);
    }

    @Test
    void drivePrintsEachAckThenTheSamplesAndExitsZero() throws Exception {
        MockController server = createController();
        int status = await(drive(server, "--configure", "20", "50", "--move", "120", "45", "--samples", "4"));
        assertEquals(Drive.EXIT_OK, status);
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals("ack configure seq=1 ACCEPTED \"velocity 20.000 deg/s, telemetry 50 Hz\"", lines.get(0));
        assertEquals("ack move seq=2 ACCEPTED \"moving to az 120.000 el 45.000\"", lines.get(1));
        for (String line : lines.subList(2, 6)) {
            assertTrue(TELEMETRY_LINE.matcher(line).matches(), line);
        }
        assertNextConnected(true);
        assertNextConnected(false);                      // the client disconnected when done
    }

    @Test
    void aRejectedCommandIsPrintedAndExitsThree() throws Exception {
        MockController server = createController();
        int status = await(drive(server, "--move", "400", "0", "--stop", "--samples", "0"));
        assertEquals(Drive.EXIT_REJECTED, status);
        assertEquals(List.of(
            "ack move seq=1 REJECTED_OUT_OF_RANGE \"azimuth 400.000 outside 0.000..360.000 deg\"",
            "ack stop seq=2 ACCEPTED \"stopped both axes at az 0.000 el 0.000\""), lines);
    }

    @Test
    void anUnreachableControllerFailsWithAMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        Future<Integer> run = Drive.run(vertx(), CommandLineParsing.drive("--port", Integer.toString(port)), lines::add);
        IllegalStateException e = awaitFailure(run, IllegalStateException.class);
        assertEquals("cannot connect to 127.0.0.1:" + port + ": Connection refused", e.getMessage(),
            "the address once, the reason once");
        assertInstanceOf(ConnectException.class, e.getCause(), "the client's error is the cause");
        assertTrue(lines.isEmpty());
    }

    @Test
    void aControllerThatNeverAnswersTimesOut() throws Exception {
        OneClientServer silent = createServer();          // accepts, never reads, never writes
        Future<Integer> run = drive(silent, "--move", "1", "2", "--timeout", "0.3");
        TimeoutException e = awaitFailure(run, TimeoutException.class);
        assertEquals("no ack within 0.3 s", e.getMessage());
    }

    @Test
    void aControllerThatClosesTheConnectionFailsTheRun() throws Exception {
        OneClientServer closing = createServer();
        Future<Integer> run = drive(closing, "--samples", "1000");
        assertNextConnected(true);
        await(closing.closeClient());
        IllegalStateException e = awaitFailure(run, IllegalStateException.class);
        assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
    }
}
