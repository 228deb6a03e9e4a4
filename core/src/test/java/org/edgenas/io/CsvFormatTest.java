package org.edgenas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void numbersInResultFilesReadBackExactly() {
        double a = 34.53912345678901;
        double b = Math.nextUp(a);
        assertNotEquals(CsvFormat.number(a), CsvFormat.number(b), "values one ulp apart must print differently");
        assertEquals(a, Double.parseDouble(CsvFormat.number(a)));
        assertEquals(b, Double.parseDouble(CsvFormat.number(b)));
    }

    @Test
    void numbersAreShortestAndPlain() {
        assertEquals("0.1", CsvFormat.number(0.1));
        assertEquals("7783040", CsvFormat.number(7783040.0));
        assertEquals("0.00000123", CsvFormat.number(1.23e-6));
        assertEquals("120000000000000000000", CsvFormat.number(1.2e20));
        assertEquals("0", CsvFormat.number(0.0));
    }

    @Test
    void missingAndInfiniteValuesHaveFixedSpellings() {
        assertEquals("", CsvFormat.number(Double.NaN));
        assertEquals("-inf", CsvFormat.number(Double.NEGATIVE_INFINITY));
        assertEquals("inf", CsvFormat.display(Double.POSITIVE_INFINITY));
    }

    @Test
    void tablesForPeopleShowTenSignificantDigits() {
        assertEquals("34.53912346", CsvFormat.display(34.53912345678901));
    }
}
