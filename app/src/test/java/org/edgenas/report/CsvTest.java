package org.edgenas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void numbersInResultFilesReadBackExactly() {
        double a = 34.53912345678901;
        double b = Math.nextUp(a);
        assertNotEquals(Csv.number(a), Csv.number(b), "values one ulp apart must print differently");
        assertEquals(a, Double.parseDouble(Csv.number(a)));
        assertEquals(b, Double.parseDouble(Csv.number(b)));
    }

    @Test
    void numbersAreShortestAndPlain() {
        assertEquals("0.1", Csv.number(0.1));
        assertEquals("7783040", Csv.number(7783040.0));
        assertEquals("0.00000123", Csv.number(1.23e-6));
        assertEquals("120000000000000000000", Csv.number(1.2e20));
        assertEquals("0", Csv.number(0.0));
    }

    @Test
    void missingAndInfiniteValuesHaveFixedSpellings() {
        assertEquals("", Csv.number(Double.NaN));
        assertEquals("-inf", Csv.number(Double.NEGATIVE_INFINITY));
        assertEquals("inf", Csv.display(Double.POSITIVE_INFINITY));
    }

    @Test
    void tablesForPeopleShowTenSignificantDigits() {
        assertEquals("34.53912346", Csv.display(34.53912345678901));
    }
}
