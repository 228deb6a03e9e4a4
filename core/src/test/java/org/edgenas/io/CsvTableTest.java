package org.edgenas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path dir;

    @Test
    void aColumnNamedTwiceIsRefusedWithItsName() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "arch,lat,lat\nx,1,2\n");
        ConfigException e = assertThrows(ConfigException.class, () -> CsvTable.read(f));
        assertEquals(f + ":1: column 'lat' appears twice in the header; which one is meant is ambiguous",
                e.getMessage());
    }

    @Test
    void rowsKnowTheirLinesAcrossBlankLines() throws Exception {
        Path f = Files.writeString(dir.resolve("gaps.csv"), "\narch,x\nk3n32s1,1\n\nk3n16s1,2\n\n\nk5n8s1,3\n");
        CsvTable t = CsvTable.read(f);
        assertEquals(3, t.size());
        assertEquals(3, t.line(0));
        assertEquals(5, t.line(1));
        assertEquals(8, t.line(2));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "arch,x\nk3n32s1,1\n\nk3n16s1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> CsvTable.read(bad));
        assertEquals(bad + ":4: has 1 fields, the header has 2", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
        Path f = dir.resolve("bom.csv");
        Files.write(f, "\uFEFFarch,lat\nx,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CsvTable t = CsvTable.read(f);
        assertEquals("x", t.text(0, t.column("arch", "architecture")));
    }
}
