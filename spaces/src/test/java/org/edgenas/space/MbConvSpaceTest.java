package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.mbconv.MbConvSpace;
import org.edgenas.space.mbconv.Stage;
import org.junit.jupiter.api.Test;

class MbConvSpaceTest {

    private static final String MOBILENETV2 = "e1k3_e6k3-e6k3_e6k3-e6k3-e6k3_e6k3-e6k3-e6k3-e6k3_e6k3-e6k3-e6k3_"
            + "e6k3-e6k3-e6k3_e6k3";

    private static SearchSpace space(Map<String, Object> settings) {
        return SearchSpaces.create("mbconv", Parameters.of(settings));
    }

    /**
     * torchvision's {@code mobilenet_v2()} at 224x224 with 1000 classes counts 300,774,272 MACs (conv and linear) and
     * 3,504,872 parameters (BN affine included). By hand from the layer table (stem 112^2*3*9*32; per block
     * expansion h^2*c*6c, depthwise h'^2*9*6c, projection h'^2*6c*c'; head 7^2*320*1280; classifier 1280*1000),
     * and checked once in PyTorch 1.13 on a transcription of torchvision's module:
     * {@code /usr/bin/python3 benchmarks/torch/mobilenetv2_count.py} printed
     * {@code torch 1.13.0a0 width 1.0 macs 300774272 params 3504872}.
     */
    @Test
    void mobileNetV2CountsAsTorchvisionDoes() {
        Architecture a = space(Map.of("input_size", 224, "classes", 1000)).parse("mobilenetv2");
        assertEquals(300_774_272L, a.macs());
        assertEquals(3_504_872L, a.params());
        assertEquals(MOBILENETV2, a.id());
        assertEquals(Shape.vector(1000), a.output());
    }

    @Test
    void mobileNetV2HasTenResidualsAndSeventeenDepthwiseConvs() {
        // residuals: blocks 2..n of each stage (1 + 2 + 3 + 2 + 2 + 0) = 10; one depthwise conv per block: 17
        Architecture a = MbConvSpace.defaults().parse("mobilenetv2");
        assertEquals(10, a.nodes().stream().filter(n -> n.layer() instanceof Add).count());
        assertEquals(17, a.nodes().stream().filter(n -> n.layer() instanceof Conv2d c && c.isDepthwise()).count());
    }

    @Test
    void blockWithSqueezeExcitationMatchesHandCount() {
        // one stage (channels 8, stride 1) on 4x8x8, stem 8 (stride 1), head 16, 2 classes, block e3k5se:
        // stem 3x3 4->8: 64*4*9*8 = 18432 MACs, 288 + 16 params
        // expand 8->24: 64*8*24 = 12288, 192 + 48; depthwise 5x5: 64*25*24 = 38400, 600 + 48
        // SE squeeze makeDivisible(24 / 4 = 6) = 8: reduce 24*8 = 192 MACs, 192 + 8; expand 192 MACs, 192 + 24
        // project 24->8: 64*24*8 = 12288, 192 + 16; residual (stride 1, 8 = 8)
        // head 8->16: 64*8*16 = 8192, 128 + 32; classifier 16*2 = 32, 34
        SearchSpace s = new MbConvSpace(8, 4, 2, 1.0, 8, 1, 16, List.of(Stage.of("only", 8, 1, List.of(1))),
                List.of(3), List.of(5), true);
        Architecture a = s.parse("e3k5se");
        assertEquals(18432L + 12288 + 38400 + 192 + 192 + 12288 + 8192 + 32, a.macs());
        assertEquals(304L + 240 + 648 + 200 + 216 + 208 + 160 + 34, a.params());
        Node scale = a.nodes().stream().filter(n -> n.layer() instanceof ChannelMul).findFirst().orElseThrow();
        assertEquals("only.b1.se.scale", scale.name());
        assertTrue(a.nodes().stream().anyMatch(n -> n.name().equals("only.b1.residual")));
    }

    @Test
    void widthMultiplierRoundsWidthsLikeTorchvision() {
        // make_divisible(v, 8): nearest multiple of 8, at least 8, bumped up if it lost more than 10 %
        assertEquals(16, MbConvSpace.makeDivisible(32 * 0.5, 8));
        assertEquals(8, MbConvSpace.makeDivisible(16 * 0.35, 8));
        assertEquals(16, MbConvSpace.makeDivisible(24 * 0.5, 8));
        assertEquals(24, MbConvSpace.makeDivisible(21.0, 8));
        // torchvision mobilenet_v2(width_mult=0.5): 1,968,680 parameters (the head stays at 1280); checked with
        // /usr/bin/python3 benchmarks/torch/mobilenetv2_count.py 0.5 -> torch 1.13.0a0 width 0.5 macs 97131840 params 1968680
        Architecture a = space(Map.of("input_size", 224, "classes", 1000, "width_multiplier", 0.5)).parse(
                "mobilenetv2");
        assertEquals(1_968_680L, a.params());
        assertEquals(97_131_840L, a.macs());
    }

    @Test
    void canonicalStringRoundTrips() {
        SearchSpace s = MbConvSpace.defaults();
        String arch = "e1k5se_e3k3-e6k7se_e6k3_e3k5-e3k5-e3k5-e3k5_e1k3_e6k7-e6k3se_e6k5se";
        assertEquals(arch, s.parse(arch).id());
    }

    @Test
    void randomGenotypesAlwaysDecodeAndReencode() {
        SearchSpace s = space(Map.of("input_size", 28, "input_channels", 1));
        Random r = new Random(7);
        List<Choice> choices = s.choices();
        for (int n = 0; n < 300; n++) {
            int[] g = new int[choices.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = r.nextInt(choices.get(i).cardinality());
            }
            Architecture a = s.decode(Genotype.of(g));
            assertEquals(a.id(), s.parse(a.id()).id());
            assertEquals(a, s.parse(a.id()));
        }
    }

    @Test
    void genesNameEveryStageAndBlockSlot() {
        List<Choice> c = MbConvSpace.defaults().choices();
        // 7 stages; slots 1 + 4 * 5 + 1 = 22; 3 genes per slot
        assertEquals(7 + 3 * 22, c.size());
        assertEquals("s1.depth", c.get(0).name());
        assertEquals("s1.b1.expansion", c.get(1).name());
        assertEquals(List.of("none", "se"), c.get(3).labels());
        assertEquals(List.of("1", "2", "3", "4"), c.get(4).labels());
    }

    @Test
    void malformedStringsNameTheStageBlockAndAllowedValues() {
        SearchSpace s = MbConvSpace.defaults();
        String tooFew = "e1k3_e6k3";
        assertTrue(assertThrows(ArchitectureFormatException.class, () -> s.encode(tooFew)).getMessage()
                .contains("has 2 stages (separated by '_'), the stage table has 7"));
        String badKernel = MOBILENETV2.replaceFirst("e6k3", "e6k9");
        assertTrue(assertThrows(ArchitectureFormatException.class, () -> s.encode(badKernel)).getMessage()
                .contains("stage s2 block 1 'e6k9': kernel size 9 is not a choice; allowed: [3, 5, 7]"));
        String huge = MOBILENETV2.replaceFirst("e6k3", "e99999999999k3");
        assertTrue(assertThrows(ArchitectureFormatException.class, () -> s.encode(huge)).getMessage()
                .contains("'e99999999999k3': expansion ratio 99999999999 is not a choice; allowed: [1, 3, 6]"));
        assertEquals(s.encode(MOBILENETV2), s.encode(MOBILENETV2.replaceFirst("e6k3", "e006k03")),
                "leading zeros read as the number");
        String tooDeep = MOBILENETV2.replaceFirst("_e6k3-e6k3_", "_e6k3-e6k3-e6k3-e6k3-e6k3_");
        assertTrue(assertThrows(ArchitectureFormatException.class, () -> s.encode(tooDeep)).getMessage()
                .contains("stage s2 has 5 blocks; allowed depths: [1, 2, 3, 4]"));
        String garbage = MOBILENETV2.replaceFirst("e1k3", "banana");
        assertTrue(assertThrows(ArchitectureFormatException.class, () -> s.encode(garbage)).getMessage()
                .contains("'banana' is not a block e<expansion>k<kernel>[se]"));
        SearchSpace noSe = space(Map.of("squeeze_excitation", false));
        String se = MOBILENETV2.replaceFirst("e1k3", "e1k3se");
        assertTrue(assertThrows(ArchitectureFormatException.class, () -> noSe.encode(se)).getMessage()
                .contains("squeeze-and-excitation is disabled"));
    }

    @Test
    void mobileNetV2NeedsItsOwnStageTable() {
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("a", Map.of("channels", 16, "stride", 1, "depths", List.of(1)));
        stages.put("b", Map.of("channels", 40, "stride", 2, "depths", List.of(1, 2)));
        SearchSpace s = space(Map.of("stages", stages));
        String m = assertThrows(ArchitectureFormatException.class, () -> s.parse("mobilenetv2")).getMessage();
        assertTrue(m.contains("MobileNetV2 is defined on its own stage table; this space has 2 stages (needs 7)"), m);
        assertEquals("e6k3_e1k5-e3k3se", s.parse("e6k3_e1k5-e3k3se").id());
    }

    @Test
    void stageTableComesFromTheConfigInOrder() {
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("first", Map.of("channels", 16, "depths", List.of(1)));
        stages.put("second", Map.of("channels", 24, "stride", 2, "depths", List.of(2, 3)));
        SearchSpace s = space(Map.of("input_size", 28, "input_channels", 1, "stem_stride", 1, "head_channels", 64,
                "stages", stages));
        Architecture a = s.parse("e1k3_e6k5-e6k3");
        // 28 -> stem s1 -> 28 -> first (s1) -> 28 -> second (s2) -> 14
        assertEquals(Shape.of(24, 14, 14), a.shape(a.nodes().stream().filter(n -> n.name().equals(
                "second.b2.residual")).findFirst().orElseThrow().index()));
        assertEquals("second.depth", s.choices().get(4).name());
    }

    @Test
    void badStageTablesAreConfigErrorsNamingTheKey() {
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("s1", Map.of("channels", 16, "depth", List.of(1)));
        ConfigException e = assertThrows(ConfigException.class, () -> space(Map.of("stages", stages)));
        assertTrue(e.getMessage().contains("stages.s1.depths: missing"), e.getMessage());
        stages.put("s1", Map.of("channels", 16, "depths", List.of(1), "strid", 2));
        e = assertThrows(ConfigException.class, () -> space(Map.of("stages", stages)));
        assertTrue(e.getMessage().contains("stages.s1.strid: unknown key; did you mean 'stride'?"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> space(Map.of("kernel_sizes", List.of(3, 4))));
        assertTrue(e.getMessage().contains("kernel size 4 is even"), e.getMessage());
    }
}
