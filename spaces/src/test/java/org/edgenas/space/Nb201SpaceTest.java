package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Shape;
import org.edgenas.io.CsvTable;
import org.edgenas.data.ReferenceData;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class Nb201SpaceTest {

    private final Nb201Space space = Nb201Space.cifar10();

    /*
     * Hand count of the fixed part (per image, MACs = H_out*W_out*C_in*k*k*C_out):
     *   stem conv3x3 3->16 at 32x32:            1024*3*9*16   =   442,368
     *   reduce 1: conv3x3 s2 16->32 (16x16 out): 256*16*9*32   = 1,179,648
     *             conv3x3 32->32 at 16x16:       256*32*9*32   = 2,359,296
     *             pool + conv1x1 16->32 at 16x16: 256*16*32    =   131,072
     *   reduce 2: the same at 8x8 with 32->64:   1,179,648 + 2,359,296 + 131,072
     *   classifier 64->10:                                     =       640
     *   total                                                  = 7,783,040  (NB201 reports 7.78 M)
     * A nor_conv_3x3 edge costs 2,359,296 in every stage (1024*16*9*16 = 256*32*9*32 = 64*64*9*64),
     * so 6 edges x 15 cells add 212,336,640: 220,119,680 in all (NB201 reports 220.11 M).
     */
    @Test
    void allNoneNetworkHasNb201MinimumMacs() {
        Architecture a = space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertEquals(7_783_040L, a.macs());
    }

    @Test
    void anInputSizeTheReductionsCannotHalveIsAConfigErrorAndEveryMultipleOfFourBuilds() {
        for (int size : new int[] {5, 6, 7, 30, 33}) {
            org.edgenas.config.ConfigException e = assertThrows(org.edgenas.config.ConfigException.class,
                    () -> SearchSpaces.create("nb201", org.edgenas.config.Parameters.of(
                            java.util.Map.of("input_size", size))));
            assertTrue(e.getMessage().contains("input_size") && e.getMessage().contains("multiple of 4"),
                    e.getMessage());
        }
        String all3x3 = "|nor_conv_3x3~0|+|avg_pool_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|"
                + "avg_pool_3x3~2|";
        for (int size : new int[] {4, 8, 12, 28, 36}) {
            SearchSpace s = SearchSpaces.create("nb201", org.edgenas.config.Parameters.of(
                    java.util.Map.of("input_size", size)));
            assertTrue(s.parse(all3x3).macs() > 0, "input_size " + size);
        }
    }

    @Test
    void allConv3x3NetworkHasNb201MaximumMacs() {
        Architecture a = space.parse(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        assertEquals(220_119_680L, a.macs());
    }

    @Test
    void oneConv1x1EdgeAddsItsMacsInEveryCell() {
        // a 1x1 edge: 1024*16*16 = 256*32*32 = 64*64*64 = 262,144 per cell, 15 cells: 3,932,160
        Architecture a = space.parse("|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertEquals(7_783_040L + 3_932_160L, a.macs());
    }

    @Test
    void poolingAndSkipEdgesAddNoMacs() {
        Architecture a = space.parse("|avg_pool_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|skip_connect~0|none~1|skip_connect~2|");
        assertEquals(7_783_040L, a.macs());
    }

    /*
     * Parameters of the all-none network: stem 432 + BN 32; reduce 1: 4,608 + 64 + 9,216 + 64 + 512;
     * reduce 2: 18,432 + 128 + 36,864 + 128 + 2,048; head BN 128; classifier 640 + 10 = 73,306
     * (NB201 reports 0.073 MB of parameters at the low end).
     */
    @Test
    void allNoneParamsMatchHandCount() {
        assertEquals(73_306L, space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|").params());
    }

    @Test
    void outputIsTheClassifier() {
        Architecture a = new Nb201Space(100, 32, 16, 5).parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertEquals(Shape.vector(100), a.output());
    }

    @Test
    void everyBenchmarkStringRoundTrips() {
        Optional<Path> file = ReferenceData.file("nb201/accuracy.csv");
        assumeTrue(file.isPresent(), "reference data ../shared/data not present; skipping");
        CsvTable t = CsvTable.read(file.get());
        int col = t.column("arch_str", "architecture");
        for (int r = 0; r < t.size(); r++) {
            String s = t.text(r, col);
            assertEquals(s, space.decode(space.encode(s)).id());
        }
        assertEquals(15_625, t.size());
    }

    @Test
    void unknownOperationIsNamedWithTheAllowedOnes() {
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class,
                () -> space.encode("|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertTrue(e.getMessage().contains("unknown operation 'conv_5x5'"), e.getMessage());
        assertTrue(e.getMessage().contains("none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3"));
    }

    @Test
    void wrongEdgeSourceAndGroupCountAreRejected() {
        assertThrows(ArchitectureFormatException.class,
                () -> space.encode("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertThrows(ArchitectureFormatException.class, () -> space.encode("|none~0|+|none~0|none~1|"));
        assertThrows(ArchitectureFormatException.class,
                () -> space.encode("|none~0|+|none~0|+|none~0|none~1|none~2|"));
    }

    @Test
    void genotypeOutOfRangeNamesTheGene() {
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class,
                () -> space.decode(Genotype.of(0, 0, 5, 0, 0, 0)));
        assertTrue(e.getMessage().contains("gene 2 (edge1-2) is 5, allowed 0..4"), e.getMessage());
    }

    @Test
    void spaceHas15625Architectures() {
        assertEquals(15_625, space.size());
        assertEquals(15_625, space.architectureCount());
    }
}
