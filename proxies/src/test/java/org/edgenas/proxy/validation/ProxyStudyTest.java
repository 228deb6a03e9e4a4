package org.edgenas.proxy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy study on a table written here, whose accuracy is the MAC count: the correlations are known exactly. */
class ProxyStudyTest {

    @TempDir
    Path dir;

    private final Nb201Space space = Nb201Space.cifar10();

    /** Six architectures of distinct MACs; accuracy = MACs, published naswot = -MACs. */
    private Sample sample() throws IOException {
        String[] archs = {
            "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|none~0|none~1|none~2|",
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|none~2|",
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|"};
        StringBuilder sb = new StringBuilder("arch_str,acc,cifar10_naswot,cifar10_logsynflow\n");
        for (String a : archs) {
            long macs = space.parse(a).macs();
            sb.append(a).append(',').append(macs).append(',').append(-macs).append(',').append(macs).append('\n');
        }
        Path table = Files.writeString(dir.resolve("acc.csv"), sb.toString());
        return Sample.draw(table, ProxyStudy.ARCH_COLUMN, "acc", space, 6, 1);
    }

    @Test
    void rowsGiveEachProxyThenTheMeanRankTheReferencesAndFlops() throws IOException {
        Sample s = sample();
        try (ProxyStudy study = ProxyStudy.of(space, List.of("flops", "params"), Parameters.empty())) {
            ProxyStudy.Result r = study.run(s, dir.resolve("acc.csv"), 2, ProxyRun.Progress.NONE);
            assertEquals(List.of("flops", "params", "mean rank", "naswot", "logsynflow", "flops"),
                    r.rows().stream().map(ProxyStudy.Row::name).toList());
            // accuracy = MACs: flops ranks perfectly, the published naswot column (-MACs) perfectly backwards
            assertEquals(1.0, r.rows().get(0).correlation().spearman(), 1e-12);
            assertEquals(-1.0, r.rows().get(3).correlation().spearman(), 1e-12);
            assertEquals(1.0, r.rows().get(5).correlation().kendall(), 1e-12);
            assertEquals("arch,acc,flops,flops_s,params,params_s,published_naswot,published_logsynflow,macs",
                    r.csv().lines().findFirst().orElseThrow());
            assertEquals(7, r.csv().lines().count());
        }
    }

    @Test
    void anEnsembleAfterAMemberOfTheSameSettingsSaysItsScoresWereCached() throws IOException {
        Parameters settings = Parameters.of(Map.of("members", List.of("logsynflow", "flops"), "reference", 4));
        try (ProxyStudy study = ProxyStudy.of(space, List.of("logsynflow", "ensemble"), settings)) {
            ProxyStudy.Result r = study.run(sample(), null, 1, ProxyRun.Progress.NONE);
            assertTrue(r.rows().get(1).source().endsWith("(members' scores cached)"), r.rows().get(1).source());
            assertEquals("of logsynflow, flops within the sample", r.rows().get(2).source());
        }
    }

    @Test
    void membersThatKeepNoScoresAreNotCalledCached() throws IOException {
        Parameters settings = Parameters.of(Map.of("members", List.of("flops", "params"), "reference", 4));
        try (ProxyStudy study = ProxyStudy.of(space, List.of("params", "ensemble"), settings)) {
            ProxyStudy.Result r = study.run(sample(), null, 1, ProxyRun.Progress.NONE);
            assertTrue(r.rows().get(1).source().startsWith("computed: ensemble("), r.rows().get(1).source());
            assertFalse(r.rows().get(1).source().contains("cached"), r.rows().get(1).source());
        }
    }

    @Test
    void aSettingNoProxyTakesIsRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ProxyStudy.of(space, List.of("flops"), Parameters.of(Map.of("batch", 8))));
        assertTrue(e.getMessage().contains("batch: unknown key"), e.getMessage());
    }
}
