package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nas proxy-eval} on a small table written here, where the expected correlations are known exactly. */
class ProxyEvalCommandTest {

    @TempDir
    Path dir;

    /** Eight NB201 architectures whose "accuracy" is their MAC count, so FLOPs rank them perfectly. */
    private Path table() throws IOException {
        String[] ops = {"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"};
        Nb201Space space = Nb201Space.cifar10();
        StringBuilder sb = new StringBuilder("arch_idx,arch_str,cifar10_test_acc,cifar10_naswot,cifar10_logsynflow\n");
        for (int i = 0; i < 8; i++) {
            String arch = "|" + ops[i % 5] + "~0|+|" + ops[(i + 1) % 5] + "~0|" + ops[(i * 2) % 5] + "~1|+|"
                    + ops[(i + 3) % 5] + "~0|none~1|" + ops[(i * 3) % 5] + "~2|";
            long macs = space.parse(arch).macs();
            sb.append(i).append(',').append(arch).append(',').append(macs).append(',').append(-macs).append(',')
                    .append(macs).append('\n');
        }
        return Files.writeString(dir.resolve("acc.csv"), sb.toString());
    }

    @Test
    void printsOneRowPerProxyAndTheReferencesWithExactCorrelations() throws IOException {
        Path t = table();
        Path out = dir.resolve("scores.csv");
        var r = ConfigErrorTest.run("proxy-eval", "--space", "nb201", "--proxy", "flops,params", "--sample", "8",
                "--seed", "3", "--threads", "2", "--accuracy", t.toString(), "--reference", t.toString(),
                "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("| flops | computed: flops | 1.000 | 1.000 |"), r.out());
        assertTrue(r.out().contains("| naswot | published: acc.csv cifar10_naswot | -1.000 | -1.000 | – |"), r.out());
        assertTrue(r.out().contains("| logsynflow | published: acc.csv cifar10_logsynflow | 1.000 | 1.000 | – |"),
                r.out());
        assertTrue(r.out().contains("| mean rank | of flops, params within the sample |"), r.out());
        assertTrue(r.err().contains("flops          8/8 (100%)"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("arch,cifar10_test_acc,flops,flops_s,params,params_s,published_naswot,published_logsynflow,macs",
                lines.getFirst());
        assertEquals(9, lines.size());
    }

    @Test
    void ensembleIsShownNextToTheMeanRankOfItsMembers() throws IOException {
        var r = ConfigErrorTest.run("proxy-eval", "--space", "nb201", "--proxy", "ensemble", "--sample", "8",
                "--accuracy", table().toString(), "--set", "members=flops,params", "--set", "reference=4");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("| mean rank | of flops, params within the sample |"), r.out());
    }

    @Test
    void unknownProxyAndOversizedSampleExitTwo() throws IOException {
        Path t = table();
        var unknown = ConfigErrorTest.run("proxy-eval", "--space", "nb201", "--proxy", "zen", "--sample", "4",
                "--accuracy", t.toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--proxy: unknown proxy 'zen'; available: busy,"), unknown.err());
        var big = ConfigErrorTest.run("proxy-eval", "--space", "nb201", "--proxy", "flops", "--sample", "9",
                "--accuracy", t.toString());
        assertEquals(2, big.status());
        assertTrue(big.err().contains("--sample: expected 2..8"), big.err());
    }

    @Test
    void settingNoProxyTakesIsRejected() throws IOException {
        var r = ConfigErrorTest.run("proxy-eval", "--space", "nb201", "--proxy", "flops", "--sample", "4",
                "--accuracy", table().toString(), "--set", "batch=8");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("batch: unknown key"), r.err());
    }
}
