package dev.tcpip.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0, 4.0, 2.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void medianOfOneValueIsThatValue() {
        assertEquals(7.0, Stats.median(List.of(7.0)));
    }

    @Test
    void minAndMaxAreTheExtremes() {
        List<Double> values = List.of(3.0, -1.0, 8.0, 2.0);
        assertEquals(-1.0, Stats.min(values));
        assertEquals(8.0, Stats.max(values));
    }

    @Test
    void noValuesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[0], 50));
    }

    @Test
    void percentileIsNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertEquals(50, Stats.percentile(hundred, 50));
        assertEquals(99, Stats.percentile(hundred, 99));
        assertEquals(100, Stats.percentile(hundred, 100));
        assertEquals(1, Stats.percentile(hundred, 0.5));
        long[] ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertEquals(50, Stats.percentile(ten, 50));
        assertEquals(100, Stats.percentile(ten, 99), "99 % of 10 values needs all 10");
        assertEquals(90, Stats.percentile(ten, 90));
    }

    @Test
    void percentileOfOneValueIsThatValue() {
        assertEquals(42, Stats.percentile(new long[] {42}, 99));
    }

    @Test
    void percentileOutOfRangeIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[] {1}, 101));
    }
}
