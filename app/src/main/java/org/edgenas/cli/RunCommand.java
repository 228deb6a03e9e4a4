package org.edgenas.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.cluster.ClusterConfig;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.experiment.Experiment;
import org.edgenas.energy.DomainShare;
import org.edgenas.io.CsvFormat;
import org.edgenas.report.RefineWriter;
import org.edgenas.report.RunWriter;
import org.edgenas.search.CandidateEvaluator;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Exhaustive;
import org.edgenas.search.Persistence;
import org.edgenas.search.RefineCheckpoint;
import org.edgenas.search.Refinement;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nas run CONFIG}: runs the search an experiment file describes and writes its results. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the search described by an experiment config (YAML or JSON).")
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

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Option(names = "--exhaustive", description = "evaluate every architecture of the (finite) space: the true front")
    boolean exhaustive;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the interrupted run whose output "
            + "directory is DIR (from its checkpoint.json); the result equals an uninterrupted run's")
    Path resume;

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            throw new org.edgenas.config.ConfigException("--threads: expected an integer >= 1, got " + threads);
        }
        if (seed != null && seed < 0) {
            throw new org.edgenas.config.ConfigException("--seed: expected an integer >= 0, got " + seed);
        }
        if (resume != null && out != null && !out.equals(resume)) {
            throw new org.edgenas.config.ConfigException("--resume DIR writes into DIR; drop --out or make it the same");
        }
        Experiment loaded = Experiment.load(config);
        try {
            return run(overridden(loaded));
        } finally {
            loaded.problem().close();
        }
    }

    /** The experiment with the command line's overrides applied. */
    private Experiment overridden(Experiment loaded) {
        Experiment e = loaded.withOverrides(resume != null ? resume : out, seed);
        if (threads != null) {
            e = e.withThreads(threads);
        }
        if (exhaustive) {
            e = e.withAlgorithm(Exhaustive.of());
        }
        if (cluster != null) {
            e = e.withExecution(e.execution().onCluster(ClusterConfig.read(ConfigFile.read(cluster))));
        }
        return e;
    }

    private int run(Experiment e) {
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %s on %s, proxy %s, %s, budget %d unique architectures, population %d, "
                        + "seed %d, %d thread(s)%n", e.name(), e.problem().space().name(), e.problem().energy().board(),
                e.problem().proxy().name(), e.settings().algorithm().name(), e.settings().maxEvaluations(),
                e.settings().population(), e.settings().seed(), e.settings().threads());
        Instant started = Instant.now();
        Persistence persistence = Persistence.of(e.output().resolve("checkpoint.json"), e.fingerprint(),
                e.settings().algorithm(), resume != null);
        if (persistence.resume() != null) {
            stdout.printf(Locale.ROOT, "resuming after generation %d with %d architectures evaluated%n",
                    persistence.resume().generation(), persistence.resume().evaluated().size());
        }
        SearchResult result;
        try (CandidateEvaluator evaluator = Evaluators.open(e, stdout, err)) {
            if (quiet) {
                result = Search.run(e.problem(), e.settings(), SearchListener.NONE, evaluator, persistence);
            } else if (System.console() != null && System.console().isTerminal()) {
                try (ProgressBarListener bar = new ProgressBarListener()) {
                    result = Search.run(e.problem(), e.settings(), bar, evaluator, persistence);
                }
            } else {
                result = Search.run(e.problem(), e.settings(), new ProgressLine(err), evaluator, persistence);
            }
        }
        var space = e.problem().space();
        DomainShare outside = DomainShare.of(e.problem().energy(), result.evaluated().stream()
                .map(v -> space.parse(v.arch())).toList(), e.problem().batch());
        if (outside.outside() > 0) {
            err.println(outside.warning(e.problem().energy().board()));
        }
        RunWriter.write(e, config, result, started, outside);
        stdout.printf(Locale.ROOT, "%d architectures evaluated in %.1f s over %d generations; front of %d:%n",
                result.evaluated().size(), result.seconds(), result.generations(), result.front().size());
        stdout.printf(Locale.ROOT, "  %-14s %-14s %-14s %s%n", "accuracy", "energy_mj", "latency_ms", "arch");
        int shown = 0;
        for (Evaluation f : result.front()) {
            if (++shown > 20) {
                stdout.printf("  ... %d more in front.csv%n", result.front().size() - 20);
                break;
            }
            stdout.printf(Locale.ROOT, "  %-14s %-14s %-14s %s%n", CsvFormat.display(f.accuracy()),
                    CsvFormat.display(f.energyMj()), CsvFormat.display(f.latencyMs()), f.arch());
        }
        stdout.println("wrote " + e.output().resolve("front.csv") + ", evaluated.csv, run.json, front.png/svg, "
                + "convergence.png, report.html");
        if (e.refinement().isPresent()) {
            refine(e, e.refinement().get(), result, stdout);
        }
        err.flush();
        return 0;
    }

    /** The {@code refine} stage: re-scores candidates of the front, one line per candidate, and writes its files. */
    private void refine(Experiment e, Refinement refinement, SearchResult result, java.io.PrintWriter stdout) {
        stdout.printf(Locale.ROOT, "refine: re-scoring %d candidates of the front with %s%n", refinement.top(),
                refinement.evaluator().name());
        stdout.flush();
        RefineCheckpoint checkpoint = RefineCheckpoint.of(e.output().resolve("refine-checkpoint.json"),
                e.refineFingerprint(), resume != null);
        Refinement.Result refined = refinement.run(e.problem().space(), result, e.problem().objectives(), checkpoint,
                new Refinement.Listener() {
                    @Override
                    public void scored(int index, int total, Evaluation c, double accuracy, double seconds) {
                        stdout.printf(Locale.ROOT, "refine %d/%d: %s: proxy %s, refined %s (%.1f s)%n", index, total,
                                c.arch(), CsvFormat.display(c.accuracy()), CsvFormat.display(accuracy), seconds);
                        stdout.flush();
                    }
                });
        RefineWriter.write(e, refinement, refined);
        double rho = refined.spearman();
        stdout.printf(Locale.ROOT, "refine: Spearman rho %s over %d candidates; %d on the refined front%n",
                Double.isNaN(rho) ? "undefined" : CsvFormat.display(rho), refined.refined().size(), refined.front().size());
        stdout.println("wrote " + e.output().resolve("refined.csv") + ", refined.json, refined.png, refined-front.png");
    }
}
