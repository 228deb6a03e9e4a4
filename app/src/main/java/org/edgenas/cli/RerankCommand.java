package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.io.CsvFormat;
import org.edgenas.report.Rerank;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nas rerank}: maps its options onto a {@link Rerank} and prints which front members changed. */
@Command(name = "rerank", mixinStandardHelpOptions = true, description = "Score a finished run's candidates again on "
        + "another board profile (e.g. one refitted on measurements of its front), take the front anew and show which "
        + "members changed. The run's own files stay as they are.")
final class RerankCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "a finished run's output directory")
    Path run;

    @Option(names = "--board", required = true, paramLabel = "BOARD", description = "board name or profile .json")
    String board;

    @Option(names = "--out", paramLabel = "DIR", description = "directory to write (default: DIR/rerank-BOARD); "
            + "replaced whole, never half-written")
    Path out;

    @Override
    public Integer call() {
        Rerank r = Rerank.of(run, board);
        Path target = out != null ? out : r.defaultOutput();
        r.write(target);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s reranked from %s on %s: front of %d (%d kept, %d entered, %d left)%n", run,
                r.boardBefore(), r.board(), r.front().size(), r.count("kept"), r.count("entered"),
                r.count("left"));
        stdout.printf(Locale.ROOT, "  %-8s %-7s %-7s %-27s %-27s %s%n", "status", "before", "after",
                "energy_mj before -> after", "latency_ms before -> after", "arch");
        for (Rerank.Change c : r.changes()) {
            stdout.printf(Locale.ROOT, "  %-8s %-7s %-7s %-27s %-27s %s%n", c.status(),
                    c.before() == null ? "-" : c.before(), c.after() == null ? "-" : c.after(),
                    CsvFormat.display(c.old().energyMj()) + " -> " + CsvFormat.display(c.now().energyMj()),
                    CsvFormat.display(c.old().latencyMs()) + " -> " + CsvFormat.display(c.now().latencyMs()),
                    c.arch());
        }
        stdout.println("wrote " + target + ": front.csv, evaluated.csv, front.png/svg, rerank.csv, rerank.json");
        stdout.flush();
        return 0;
    }
}
