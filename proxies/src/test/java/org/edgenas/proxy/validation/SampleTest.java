package org.edgenas.proxy.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleTest {

    @TempDir
    Path dir;

    private final Nb201Space space = Nb201Space.cifar10();
    private static final String[] ARCHS = {
        "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
        "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|",
        "|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|",
        "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|",
        "|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"};

    private Path table() throws IOException {
        StringBuilder sb = new StringBuilder("arch_idx,arch_str,acc\n");
        for (int i = 0; i < ARCHS.length; i++) {
            sb.append(i).append(',').append(ARCHS[i]).append(',').append(10 * i).append('\n');
        }
        return Files.writeString(dir.resolve("acc.csv"), sb.toString());
    }

    @Test
    void sameSeedDrawsTheSameArchitecturesWithTheirAccuracy() throws IOException {
        Path t = table();
        Sample a = Sample.draw(t, "arch_str", "acc", space, 3, 9);
        Sample b = Sample.draw(t, "arch_str", "acc", space, 3, 9);
        assertEquals(a.architectures(), b.architectures());
        assertArrayEquals(a.accuracy(), b.accuracy());
        for (int i = 0; i < 3; i++) {
            int row = java.util.Arrays.asList(ARCHS).indexOf(a.architectures().get(i).id());
            assertEquals(10.0 * row, a.accuracy()[i]);
        }
    }

    @Test
    void lookUpMatchesRowsByCanonicalArchitecture() throws IOException {
        Sample s = Sample.draw(table(), "arch_str", "acc", space, 5, 1);
        double[] same = s.lookUp(table(), "arch_str", "acc", space);
        assertArrayEquals(s.accuracy(), same);
    }

    @Test
    void sampleLargerThanTheTableIsAnError() throws IOException {
        Path t = table();
        ConfigException e = assertThrows(ConfigException.class, () -> Sample.draw(t, "arch_str", "acc", space, 6, 0));
        assertTrue(e.getMessage().contains("--sample: expected 2..5"), e.getMessage());
    }

    @Test
    void missingReferenceRowIsNamed() throws IOException {
        Sample s = Sample.draw(table(), "arch_str", "acc", space, 5, 1);
        Path partial = Files.writeString(dir.resolve("ref.csv"), "arch_str,score\n" + ARCHS[0] + ",1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> s.lookUp(partial, "arch_str", "score", space));
        assertTrue(e.getMessage().contains("ref.csv: no row for architecture"), e.getMessage());
    }
}
