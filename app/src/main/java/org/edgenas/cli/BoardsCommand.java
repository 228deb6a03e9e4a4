package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.energy.Boards;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.FitError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code nas boards}: the built-in boards, their model form, provenance and held-out error. */
@Command(name = "boards", mixinStandardHelpOptions = true, description = "List the built-in boards with model form, data and held-out error.")
final class BoardsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : Boards.names()) {
            BoardProfile p = Boards.load(name);
            out.printf(Locale.ROOT, "%s: %s%n", p.name(), p.description());
            if (!p.calibrated()) {
                out.printf("  NOT CALIBRATED. %s%n%n", p.howToCalibrate() == null ? "" : p.howToCalibrate());
                continue;
            }
            var h = p.hardware();
            out.printf(Locale.ROOT, "  form: %s, precision %s, %s%n", p.form(), p.precision(), p.execution().key());
            out.printf(Locale.ROOT, "  hardware: peak %.4g MAC/s, memory %.4g B/s, cache %d B, %smax power %.4g W%n",
                    h.peakMacsPerS(), h.memoryBytesPerS(), h.cacheBytes(), h.staticPowerW() == null ? ""
                            : String.format(Locale.ROOT, "static power %.3f W, ", h.staticPowerW()), h.maxPowerW());
            if (p.provenance() != null) {
                out.printf("  data: %s%n  method: %s%n", String.join("; ", p.provenance().data()),
                        p.provenance().method());
            }
            for (FitError e : p.errors()) {
                out.printf(Locale.ROOT, "  %-10s %-22s n=%-5d MAPE %6.2f%%  Spearman %.3f  max error %6.1f%%%s%n",
                        e.target(), e.rows(), e.n(), e.mapePct(), e.spearman(), e.maxApePct(),
                        e.macsSpearman() == null ? "" : String.format(Locale.ROOT, "  (MACs alone: Spearman %.3f)",
                                e.macsSpearman()));
            }
            out.printf("  domain: %s%n", p.domain() == null ? "not recorded" : p.domain().describe());
            out.println();
        }
        out.flush();
        return 0;
    }
}
