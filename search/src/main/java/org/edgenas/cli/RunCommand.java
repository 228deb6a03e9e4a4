package org.edgenas.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.cluster.ClusterConfig;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.experiment.Experiment;
import org.edgenas.report.Csv;
import org.edgenas.report.RunWriter;
import org.edgenas.search.CandidateEvaluator;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nas run CONFIG}: runs the search an experiment file describes and writes its results. */
@Command(name = "run", description = "Run the search described by an experiment config (YAML or JSON).")
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment file (.yaml, .yml or .json)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (overrides the config's)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (overrides the config's)")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "evaluation threads (overrides the config's; "
            + "results do not depend on it)")
    Integer threads;

    @Option(names = "--cluster", paramLabel = "FILE", description = "evaluate on the workers of this cluster "
            + "(a cluster file; overrides the config's execution mode and cluster)")
    Path cluster;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            throw new org.edgenas.config.ConfigException("--threads: expected an integer >= 1, got " + threads);
        }
        if (seed != null && seed < 0) {
            throw new org.edgenas.config.ConfigException("--seed: expected an integer >= 0, got " + seed);
        }
        Experiment e = Experiment.load(config).withOverrides(out, seed);
        if (threads != null) {
            e = e.withThreads(threads);
        }
        if (cluster != null) {
            e = e.withExecution(e.execution().onCluster(ClusterConfig.read(ConfigFile.read(cluster))));
        }
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %s on %s, proxy %s, %s, budget %d unique architectures, population %d, "
                        + "seed %d, %d thread(s)%n", e.name(), e.problem().space().name(), e.problem().energy().board(),
                e.problem().proxy().name(), e.settings().algorithm(), e.settings().maxEvaluations(),
                e.settings().population(), e.settings().seed(), e.settings().threads());
        Instant started = Instant.now();
        SearchListener progress = quiet ? SearchListener.NONE : new ProgressLine(err);
        SearchResult result;
        try (CandidateEvaluator evaluator = Evaluators.open(e, stdout, err)) {
            result = Search.run(e.problem(), e.settings(), progress, evaluator);
        }
        RunWriter.write(e, config, result, started);
        stdout.printf(Locale.ROOT, "%d architectures evaluated in %.1f s over %d generations; front of %d:%n",
                result.evaluated().size(), result.seconds(), result.generations(), result.front().size());
        stdout.printf(Locale.ROOT, "  %-14s %-14s %-14s %s%n", "accuracy", "energy_mj", "latency_ms", "arch");
        int shown = 0;
        for (Evaluation f : result.front()) {
            if (++shown > 20) {
                stdout.printf("  ... %d more in front.csv%n", result.front().size() - 20);
                break;
            }
            stdout.printf(Locale.ROOT, "  %-14s %-14s %-14s %s%n", Csv.number(f.accuracy()), Csv.number(f.energyMj()),
                    Csv.number(f.latencyMs()), f.arch());
        }
        stdout.println("wrote " + e.output().resolve("front.csv") + ", evaluated.csv, run.json, front.png");
        err.flush();
        return 0;
    }
}
