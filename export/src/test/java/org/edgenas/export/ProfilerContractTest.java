package org.edgenas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.TestNetworks;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exports run where they are used, with the shape-only PyTorch stand-in of {@code tools/profiler/tests}: the
 * PyTorch file executes its own check (parameter count, output shape), and the on-board profiler loads the JSON spec
 * (recounting every node's shape, MACs and parameters) and rebuilds a network with the same parameter count.
 */
class ProfilerContractTest {

    private static final Path PROFILER = Path.of("").toAbsolutePath().getParent().resolve("tools/profiler");

    private static final String SCRIPT = """
            import runpy, sys
            profiler, py_file, json_file = sys.argv[1:4]
            sys.path[:0] = [profiler, profiler + "/tests"]
            import fake_torch
            fake_torch.install()
            runpy.run_path(py_file, run_name="__main__")
            from edgenas_profiler import netspec, workloads
            [spec] = netspec.load(json_file)
            net = workloads.build_network(spec, fake_torch)
            out = net(fake_torch.zeros(2, *spec.input_shape))
            print("spec", spec.macs, spec.params, sum(p.numel() for p in net.parameters()), out.shape)
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "nb201, '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|none~2|'",
        "nb201, '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|'",
        "chain-cnn, k3n32s1p-k5n64s2-fc128",
        "chain-cnn, k7n8s2-k1n256s1p-k3n16s1p-fc1024-fc64",
        "mbconv, mobilenetv2",
        "mbconv, e1k5se_e3k3-e6k7se_e6k3_e3k5-e3k5-e3k5-e3k5_e1k3_e6k7-e6k3se_e6k5se",
    })
    void exportsRunInPythonAndAgreeOnCosts(String space, String arch) throws IOException, InterruptedException {
        Architecture a = SearchSpaces.create(space, Parameters.empty()).parse(arch);
        assertRunsInPython(ExportedNetwork.of(space, Map.of(), a));
    }

    @Test
    void mobileLayerKindsRunInPythonAndAgreeOnCosts() throws IOException, InterruptedException {
        assertRunsInPython(ExportedNetwork.of("handmade", Map.of(), TestNetworks.mobile()));
    }

    private void assertRunsInPython(ExportedNetwork n) throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(PROFILER), "tools/profiler not found at " + PROFILER);
        Architecture a = n.architecture();
        Path py = Files.writeString(dir.resolve("net.py"), PyTorchSource.of(n, "edgenas test", "./nas export"));
        Path json = Files.writeString(dir.resolve("net.json"), NetworkJson.network(n, "edgenas test"));
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", SCRIPT, PROFILER.toString(), py.toString(), json.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not on the PATH; contract with the profiler not checked");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String classes = Long.toString(a.output().elements());
        String input = a.input().channels() + ", " + a.input().height() + ", " + a.input().width();
        assertTrue(out.contains("input (2, " + input + ") -> output (2, " + classes + "); " + a.params()
                + " parameters"), out);
        assertTrue(out.contains("spec " + a.macs() + " " + a.params() + " " + a.params() + " (2, " + classes + ")"),
                out);
    }
}
