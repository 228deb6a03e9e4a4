package org.edgenas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.TestNetworks;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyTorchSourceTest {

    private static final String MIXED = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|"
            + "none~2|";
    private static final String ALL_CONV = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|"
            + "nor_conv_3x3~1|nor_conv_3x3~2|";

    @TempDir
    Path dir;

    private static String export(String space, String arch) {
        Architecture a = SearchSpaces.create(space, Parameters.empty()).parse(arch);
        return PyTorchSource.of(ExportedNetwork.of(space, Map.of(), a), "edgenas test", "./nas export");
    }

    private static Map<String, Long> counts(List<PythonStructure.Op> ops) {
        return ops.stream().collect(Collectors.groupingBy(PythonStructure.Op::kind, Collectors.counting()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "nb201, '" + MIXED + "'",
        "nb201, '" + ALL_CONV + "'",
        "nb201, '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|'",
        "chain-cnn, k3n32s1p-k5n64s2-fc128",
        "chain-cnn, k7n8s2-k1n256s1p-k3n16s1p-fc1024-fc64",
        "mbconv, mobilenetv2",
        "mbconv, e1k5se_e3k3-e6k7se_e6k3_e3k5-e3k5-e3k5-e3k5_e1k3_e6k7-e6k3se_e6k5se",
    })
    void everyLayerAndEveryWireOfTheArchitectureIsInTheCode(String space, String arch) {
        Architecture a = SearchSpaces.create(space, Parameters.empty()).parse(arch);
        List<PythonStructure.Op> parsed = PythonStructure.parse(export(space, arch));
        List<PythonStructure.Op> expected = PythonStructure.expected(a);
        assertEquals(expected.size(), parsed.size(), "one forward statement per node");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), parsed.get(i), "node " + i + " " + a.nodes().get(i).name());
        }
    }

    @Test
    void mobileLayerKindsAndTheirWiresAreInTheCode() {
        Architecture a = TestNetworks.mobile();
        String source = PyTorchSource.of(ExportedNetwork.of("handmade", Map.of(), a), "edgenas test", "./nas export");
        assertEquals(PythonStructure.expected(a), PythonStructure.parse(source));
        Map<String, Long> c = counts(PythonStructure.parse(source));
        assertEquals(2L, c.get("ReLU6"));
        assertEquals(1L, c.get("Hardsigmoid"));
        assertEquals(1L, c.get("Sigmoid"));
        assertEquals(2L, c.get("channelmul"));
        assertTrue(source.contains("nn.Conv2d(8, 8, kernel_size=3, stride=1, padding=1, groups=8, bias=False)"),
                "depthwise conv: one group per channel");
    }

    @Test
    void allConv3x3Nb201HasTheHandCountedLayers() {
        // stem conv; 15 cells x 6 conv edges; 2 reduction blocks x (conv a, conv b, 1x1 shortcut conv)
        // batch norms: stem, 90 cell edges, 2 x 2 block convs, head; ReLUs: 90 edges, 2 x 2 block convs, head;
        // sums: 15 cells x 2 nodes + 2 block sums; avg pools: the 2 shortcuts
        Map<String, Long> c = counts(PythonStructure.parse(export("nb201", ALL_CONV)));
        assertEquals(97L, c.get("Conv2d"));
        assertEquals(96L, c.get("BatchNorm2d"));
        assertEquals(95L, c.get("ReLU"));
        assertEquals(32L, c.get("add"));
        assertEquals(2L, c.get("AvgPool2d"));
        assertEquals(1L, c.get("AdaptiveAvgPool2d"));
        assertEquals(1L, c.get("Linear"));
        assertEquals(null, c.get("zero"));
        assertEquals(null, c.get("Identity"));
    }

    @Test
    void mixedNb201CellsKeepZeroAndSkipEdgesAsOperations() {
        // per cell: one 3x3 and one 1x1 conv, two none edges, one skip, one avg pool; 15 cells
        Map<String, Long> c = counts(PythonStructure.parse(export("nb201", MIXED)));
        assertEquals(15 * 2 + 1 + 6L, c.get("Conv2d"));
        assertEquals(30L, c.get("zero"));
        assertEquals(15L, c.get("Identity"));
        assertEquals(15 + 2L, c.get("AvgPool2d"));
    }

    @Test
    void chainCnnModulesAreTheHandComputedOnes() {
        // 32x32x3 -> conv k3 32 -> pool 16x16 -> conv k5 s2 64 (padding 2): (16 + 4 - 5) / 2 + 1 = 8 -> 64*8*8 = 4096
        String src = export("chain-cnn", "k3n32s1p-k5n64s2-fc128");
        List<String> modules = src.lines().filter(l -> l.startsWith("        self.")).map(String::strip).toList();
        assertEquals(List.of(
                "self.conv1_conv = nn.Conv2d(3, 32, kernel_size=3, stride=1, padding=1, groups=1, bias=True)",
                "self.conv1_relu = nn.ReLU()",
                "self.conv1_pool = nn.MaxPool2d(kernel_size=2, stride=2, padding=0)",
                "self.conv2_conv = nn.Conv2d(32, 64, kernel_size=5, stride=2, padding=2, groups=1, bias=True)",
                "self.conv2_relu = nn.ReLU()",
                "self.fc1_linear = nn.Linear(4096, 128, bias=True)",
                "self.fc1_relu = nn.ReLU()",
                "self.classifier = nn.Linear(128, 10, bias=True)"), modules);
        // params by hand: 3*32*9+32 + 32*64*25+64 + 4096*128+128 + 128*10+10
        assertTrue(src.contains("PARAMS = 577866  #"), src);
        assertTrue(src.contains("OUTPUT_SHAPE = (10,)  #"), src);
        assertTrue(src.contains("y5 = self.fc1_linear(torch.flatten(y4, 1))"), src);
    }

    @Test
    void onlyTorchIsImported() {
        List<String> imports = export("nb201", MIXED).lines()
                .filter(l -> l.startsWith("import ") || l.startsWith("from ")).toList();
        assertEquals(List.of("import torch", "from torch import nn"), imports);
    }

    @Test
    void flatTensorsAreReshapedForSpatialLayersAndFlattenedForSums() {
        // a graph no built-in space makes: a linear layer's output feeds a conv and is summed with a 4-D tensor
        GraphBuilder g = GraphBuilder.on(Shape.of(4, 1, 1));
        int fc = g.add("fc", Linear.of(4, 8), Architecture.INPUT);
        int conv = g.add("conv", new Conv2d(8, 8, 1, 1, 0, 1, false), fc);
        int relu = g.add("relu", ReLU.of(), conv);
        g.add("sum", org.edgenas.arch.Add.of(), fc, relu);
        String src = PyTorchSource.of(ExportedNetwork.of("custom", Map.of(), g.build("custom")), "t", "c");
        assertTrue(src.contains("y1 = self.conv(y0.reshape(-1, 8, 1, 1))"), src);
        assertTrue(src.contains("y3 = y0 + torch.flatten(y2, 1)"), src);
        assertTrue(src.contains("OUTPUT_SHAPE = (8,)"), src);
    }

    @Test
    void nodeNamesThatAreNotPythonIdentifiersBecomeUniqueAttributes() {
        GraphBuilder g = GraphBuilder.on(Shape.of(4, 1, 1));
        int a = g.add("a.b", ReLU.of(), Architecture.INPUT);
        int b = g.add("a-b", ReLU.of(), a);
        int c = g.add("forward", ReLU.of(), b);
        g.add("2nd", ReLU.of(), c);
        List<String> names = PyTorchSource.attributeNames(g.build("names"));
        assertEquals(List.of("a_b", "a_b_1", "forward_", "layer_2nd"), names);
    }

    @Test
    void generatedFileIsValidPython() throws IOException, InterruptedException {
        Path file = dir.resolve("net.py");
        Files.writeString(file, export("nb201", MIXED));
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())",
                    file.toString()).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not on the PATH; syntax check skipped");
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }
}
