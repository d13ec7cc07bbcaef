package dev.tcpip.mock;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckTest {
    @Test
    void textIsCutToSixtyFourBytesOnACharacterBoundary() {
        Ack ack = new Ack();
        ack.setText("short");
        assertEquals("short", ack.text.get());

        String ascii = "x".repeat(100);
        ack.setText(ascii);
        assertEquals("x".repeat(64), ack.text.get());

        String accents = "é".repeat(40);                 // 2 bytes each: 32 fit
        ack.setText(accents);
        assertEquals("é".repeat(32), ack.text.get());

        String mixed = "a" + "✓".repeat(30);             // 1 + 3 x 21 = 64 bytes fit, the 22nd would not
        ack.setText(mixed);
        assertEquals(64, ack.text.getBytes().length);

        String astral = "ab" + "😀".repeat(20);         // 4 bytes each, never split into surrogate halves
        String cut = Ack.fit(astral, 64);
        assertEquals("ab" + "😀".repeat(15), cut);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 64);
    }
}
