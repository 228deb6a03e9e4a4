package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;
import org.edgenas.space.chain.ChainCnnSpace;
import org.junit.jupiter.api.Test;

class ChainCnnSpaceTest {

    private final ChainCnnSpace space = ChainCnnSpace.defaults();

    @Test
    void macsOfTwoConvsAndOneFcMatchHandCount() {
        // conv k3 n16 s1 on 3x32x32: 1024*3*9*16 = 442,368; pool -> 16x16x16
        // conv k5 n32 s2: 8x8 out, 64*16*25*32 = 819,200 -> 32x8x8 = 2048 features
        // fc 2048->128: 262,144; classifier 128->10: 1,280. Total 1,524,992
        Architecture a = space.parse("k3n16s1p-k5n32s2-fc128");
        assertEquals(1_524_992L, a.macs());
        assertEquals(Shape.vector(10), a.output());
    }

    @Test
    void canonicalStringRoundTrips() {
        String s = "k1n8s2-k7n256s1p-fc64-fc1024";
        assertEquals(s, space.parse(s).id());
    }

    @Test
    void poolingOnOnePixelIsRepairedInDecode() {
        ChainCnnSpace tiny = new ChainCnnSpace(4, 1, 2, 1, 3, List.of(3), List.of(8), List.of(2), true, 0, List.of(8));
        // 4x4 -> s2 -> 2x2 -> pool -> 1x1; the next layer's pool cannot apply and is dropped
        Architecture a = tiny.decode(Genotype.of(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0));
        assertEquals("k3n8s2p-k3n8s2", a.id());
    }

    @Test
    void poolingOnOnePixelIsRejectedInAString() {
        ChainCnnSpace tiny = new ChainCnnSpace(4, 1, 2, 1, 3, List.of(3), List.of(8), List.of(2), true, 0, List.of(8));
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class,
                () -> tiny.encode("k3n8s2p-k3n8s2p"));
        assertTrue(e.getMessage().contains("pools a 1x1 feature map"), e.getMessage());
    }

    @Test
    void choicesOutsideTheConfiguredOptionsAreNamed() {
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class,
                () -> space.encode("k3n48s1"));
        assertTrue(e.getMessage().contains("number of kernels 48 is not a choice; allowed: [8, 16, 32, 64, 128, 256]"),
                e.getMessage());
        assertThrows(ArchitectureFormatException.class, () -> space.encode("fc64-k3n8s1"));
        assertThrows(ArchitectureFormatException.class, () -> space.encode("k3n8s1-banana"));
    }

    @Test
    void rangesComeFromTheConfig() {
        SearchSpace s = SearchSpaces.create("chain-cnn", Parameters.of(Map.of("input_size", 64, "kernels",
                List.of(4, 12), "max_conv_layers", 2, "max_fc_layers", 0)));
        assertEquals("k3n12s1", s.parse("k3n12s1").id());
        assertEquals(1 + 4 * 2 + 1, s.choices().size());
        assertEquals(Shape.of(3, 64, 64), s.parse("k3n4s1").input());
    }

    @Test
    void evenKernelSizesAreRejectedWithTheKey() {
        var e = assertThrows(org.edgenas.config.ConfigException.class, () -> SearchSpaces.create("chain-cnn",
                Parameters.of(Map.of("kernel_sizes", List.of(3, 4)))));
        assertTrue(e.getMessage().contains("kernel_sizes: kernel size 4 is even"), e.getMessage());
    }

    @Test
    void architecturesAreCountedByHandOnATinySpace() {
        // 2x2 input, 1..2 conv layers, one kernel size, count and stride 1, pooling allowed, no FC layer.
        // depth 1: k1n8s1 or k1n8s1p (2x2 -> 1x1): 2. depth 2: after k1n8s1 (2x2) the second layer pools or not: 2;
        // after k1n8s1p (1x1) it cannot pool: 1. So 2 + 3 = 5 networks, from 2 x 2 x 2 = 8 genotypes.
        ChainCnnSpace tiny = new ChainCnnSpace(2, 1, 2, 1, 2, List.of(1), List.of(8), List.of(1), true, 0, List.of(8));
        assertEquals(8, tiny.size());
        assertEquals(5, tiny.architectureCount());
    }

    @Test
    void numbersTooLargeForAnIntAreNotAChoiceRatherThanACrash() {
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class,
                () -> space.encode("k3n99999999999s1"));
        assertTrue(e.getMessage().endsWith("number of kernels 99999999999 is not a choice; allowed: "
                + "[8, 16, 32, 64, 128, 256]"), e.getMessage());
        assertThrows(ArchitectureFormatException.class, () -> space.encode("k3n8s1-fc99999999999999999999"));
    }

    @Test
    void leadingZerosNameTheSameChoice() {
        assertEquals("k3n8s1-fc64", space.parse("k03n008s1-fc064").id());
    }
}
