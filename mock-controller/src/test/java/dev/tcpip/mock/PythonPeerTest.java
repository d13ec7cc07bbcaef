package dev.tcpip.mock;

import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.OneClientServerTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Python ctypes peer, written from the wire-format page alone, against the controller in-process. */
class PythonPeerTest extends OneClientServerTestBase {
    @Test
    void aPythonCtypesPeerWrittenFromTheDocsCommandsTheController(@TempDir Path dir) throws Exception {
        PythonPeer.python3();
        MockController server = createServer(cb -> new MockController(new ServerOptions(), 50, cb));
        String ok = PythonPeer.assertCommands(server.port(), dir);
        assertTrue(ok.startsWith("OK 8 commands acked"), ok);
        assertNextConnected(true);
        assertNextConnected(false);
        assertEquals(server.telemetryTimersStarted(), server.telemetryTimersCancelled());
    }
}
