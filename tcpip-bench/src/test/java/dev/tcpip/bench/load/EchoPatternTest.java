package dev.tcpip.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoPatternTest {

    /** The first {@code n} bytes of a pattern's stream, as a sender makes them. */
    private static byte[] stream(EchoPattern p, int n) {
        byte[] out = new byte[n];
        byte[] block = p.newBlock();
        for (int at = 0, index = 0; at < n; at += block.length, index++) {
            p.fill(block, index);
            System.arraycopy(block, 0, out, at, Math.min(block.length, n - at));
        }
        return out;
    }

    @Test
    void framesAreLengthPrefixedAndCarryTheirStreamAndNumberAtBothEnds() {
        EchoPattern.Frames p = EchoPattern.frames(64, 3, 5);
        assertEquals(68, p.frameLength());
        ByteBuffer b = ByteBuffer.wrap(stream(p, 68 * 7));
        for (long i = 0; i < 7; i++) {
            int at = (int) (i * 68);
            assertEquals(64, b.getInt(at), "length header of frame " + i);
            assertEquals(5L << 40 | i, b.getLong(at + 4));
            assertEquals(~(5L << 40 | i), b.getLong(at + 4 + 56));
        }
    }

    @Test
    void theCheckerTakesTheEchoInPiecesOfAnySize() throws Exception {
        EchoPattern.Frames p = EchoPattern.frames(64, 4, 1);
        byte[] echo = stream(p, 68 * 41);
        EchoPattern.Checker c = p.new Checker("test");
        int at = 0;
        for (int piece = 1; at < echo.length; piece = piece * 3 % 97 + 1) {
            int n = Math.min(piece, echo.length - at);
            c.check(echo, at, n);
            at += n;
        }
        assertEquals(echo.length, c.offset());
    }

    @Test
    void theCheckerFindsALostAWrongAndASwappedFrame() {
        EchoPattern.Frames p = EchoPattern.frames(64, 8, 0);
        byte[] good = stream(p, 68 * 20);

        byte[] lost = new byte[good.length - 68];
        System.arraycopy(good, 0, lost, 0, 68 * 9);
        System.arraycopy(good, 68 * 10, lost, 68 * 9, lost.length - 68 * 9);
        LoadException e = assertThrows(LoadException.class, () -> p.new Checker("t").check(lost, 0, lost.length));
        assertTrue(e.getMessage().contains("frame 9, payload byte"), e.getMessage());

        byte[] wrong = good.clone();
        wrong[68 * 12 + 2] ^= 1;
        e = assertThrows(LoadException.class, () -> p.new Checker("t").check(wrong, 0, wrong.length));
        assertTrue(e.getMessage().contains("frame 12, length header byte 2"), e.getMessage());

        byte[] swapped = good.clone();
        System.arraycopy(good, 68 * 3, swapped, 68 * 4, 68);
        System.arraycopy(good, 68 * 4, swapped, 68 * 3, 68);
        e = assertThrows(LoadException.class, () -> p.new Checker("t").check(swapped, 0, swapped.length));
        assertTrue(e.getMessage().contains("frame 3, payload byte 7"), e.getMessage());
    }

    @Test
    void constantLinesSayLineAndColumn() {
        EchoPattern p = EchoPattern.constant(Items.echoBlock(4), Items.LINE_BYTES, "line");
        byte[] echo = stream(p, 64 * 10);
        echo[64 * 6 + 3] ^= 1;
        LoadException e = assertThrows(LoadException.class, () -> p.new Checker("t").check(echo, 0, echo.length));
        assertTrue(e.getMessage().contains("line 6, column 3"), e.getMessage());
    }
}
