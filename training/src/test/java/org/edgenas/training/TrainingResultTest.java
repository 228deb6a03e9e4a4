package org.edgenas.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingResultTest {

    @Test
    void percentIsTheCorrectlyRoundedShareOfCorrectImages() {
        // 100 * (8976 / 10000.0) is 89.75999999999999 in doubles; 100 * 8976 / 10000.0 is the double nearest 89.76
        TrainingResult r = new TrainingResult(8976, 10_000, List.of(0.5, 0.3), 10);
        assertEquals("89.76", Double.toString(r.percent()));
        assertEquals(0.8976, r.accuracy(), 0);
        assertEquals(5, r.secondsPerEpoch(), 0);
        assertThrows(IllegalArgumentException.class, () -> new TrainingResult(11, 10, List.of(1.0), 1));
    }
}
