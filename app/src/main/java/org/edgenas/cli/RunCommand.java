package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edgenas.cluster.ClusterConfig;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.DomainShare;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.experiment.Experiment;
import org.edgenas.experiment.ReferenceFrontConfig;
import org.edgenas.io.CsvFormat;
import org.edgenas.io.JsonText;
import org.edgenas.report.RefineWriter;
import org.edgenas.report.RunDirectory;
import org.edgenas.report.RunSummary;
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

    @Option(names = "--force", description = "start afresh even where an interrupted run left its checkpoint.json "
            + "(which is replaced)")
    boolean force;

    @Option(names = "--dry-run", description = "check the config and the output directory, print the resolved "
            + "config, and stop: nothing is searched or written")
    boolean dryRun;

    @Override
    public Integer call() {
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new ConfigException("--threads: expected an integer in [1, 4096], got " + threads);
        }
        if (out != null && out.toString().isEmpty() || resume != null && resume.toString().isEmpty()) {
            throw new ConfigException((out != null && out.toString().isEmpty() ? "--out" : "--resume")
                    + ": empty; give a directory");
        }
        if (seed != null && seed < 0) {
            throw new ConfigException("--seed: expected an integer >= 0, got " + seed);
        }
        if (resume != null && out != null && !out.equals(resume)) {
            throw new ConfigException("--resume DIR writes into DIR; drop --out or make it the same");
        }
        if (resume != null && force) {
            throw new ConfigException("--resume continues a run and --force starts one afresh; give one of them");
        }
        Experiment loaded = Experiment.load(config);
        try {
            Experiment e = overridden(loaded);
            RunDirectory.Start start = resume != null ? RunDirectory.Start.RESUME
                    : force ? RunDirectory.Start.FORCE : RunDirectory.Start.FRESH;
            String what = resume != null ? "--resume " + resume : out != null ? "--out " + out
                    : config + ": output " + e.output();
            var err = spec.commandLine().getErr();
            e.budgetWarning().ifPresent(w -> warn(err, w));
            ReferenceFrontConfig.Check reference = e.referenceFront();
            if (reference.refused() != null) {
                warn(err, reference.refused());
            }
            if (dryRun) {
                return dryRun(e, start, what);
            }
            try (RunDirectory dir = RunDirectory.open(e.output(), what, start, ShellCommand.of(arguments()))) {
                return run(e, dir, reference);
            }
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

    /** The options given that change the config's values, for the record of the run. */
    private Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (out != null) {
            m.put("--out", out.toString());
        }
        if (resume != null) {
            m.put("--resume", resume.toString());
        }
        if (seed != null) {
            m.put("--seed", seed);
        }
        if (threads != null) {
            m.put("--threads", threads);
        }
        if (exhaustive) {
            m.put("--exhaustive", true);
        }
        if (cluster != null) {
            m.put("--cluster", cluster.toString());
        }
        if (force) {
            m.put("--force", true);
        }
        return m;
    }

    private List<String> arguments() {
        return new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    }

    private static void warn(PrintWriter err, String line) {
        err.println("warning: " + line);
        err.flush();
    }

    /** Prints the resolved config after every check a run makes before searching; writes nothing. */
    private int dryRun(Experiment e, RunDirectory.Start start, String what) {
        RunDirectory.check(e.output(), what, start);
        if (start == RunDirectory.Start.RESUME) {
            Persistence.of(e.output().resolve(RunDirectory.CHECKPOINT), e.fingerprint(), e.problem(), e.settings(),
                    true);
        }
        var stdout = spec.commandLine().getOut();
        stdout.print(JsonText.indented(e.resolved()));
        stdout.printf(Locale.ROOT, "dry run: %s is valid; output directory %s can be written%s; %s with a budget "
                        + "of %d unique architectures; nothing was searched or written%n", config, e.output(),
                start == RunDirectory.Start.RESUME ? " and its checkpoint resumed" : "",
                e.settings().algorithm().name(), e.budget());
        stdout.flush();
        return 0;
    }

    private int run(Experiment e, RunDirectory dir, ReferenceFrontConfig.Check reference) {
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %s on %s, proxy %s, %s, budget %d unique architectures, population %d, "
                        + "seed %d, %d thread(s)%n", e.name(), e.problem().space().name(), e.problem().energy().board(),
                e.problem().proxy().name(), e.settings().algorithm().name(), e.budget(), e.settings().population(),
                e.settings().seed(), e.settings().threads());
        Instant started = Instant.now();
        Persistence persistence = Persistence.of(dir.checkpoint(), e.fingerprint(), e.problem(), e.settings(),
                resume != null);
        if (persistence.resume() != null) {
            stdout.printf(Locale.ROOT, "resuming after generation %d with %d architectures evaluated%n",
                    persistence.resume().generation(), persistence.resume().evaluated().size());
        }
        stdout.flush();
        SearchResult result;
        boolean terminal = System.console() != null && System.console().isTerminal();
        try (CandidateEvaluator evaluator = Evaluators.open(e, stdout, err);
             ProgressBarListener bar = !quiet && terminal ? new ProgressBarListener() : null) {
            SearchListener progress = quiet ? p -> { } : bar != null ? bar : new ProgressLine(err);
            result = Search.run(e.problem(), e.settings(), warnings(progress, err), evaluator, persistence,
                    reference.front());
        }
        var space = e.problem().space();
        DomainShare outside = DomainShare.of(e.problem().energy(), result.evaluated().stream()
                .map(v -> space.parse(v.arch())).toList(), e.problem().batch());
        if (outside.outside() > 0) {
            err.println(outside.warning(e.problem().energy().board()));
        }
        RunSummary summary = RunSummary.of(result, e.problem().objectives(), e.problem().constraints(),
                reference.front());
        RunWriter.write(e, new RunWriter.Context(config, started, outside, arguments(), overrides(), reference),
                result, summary);
        stdout.printf(Locale.ROOT, "%d architectures evaluated in %.1f s over %d generations (stopped: %s); front "
                        + "of %d%s:%n", result.evaluated().size(), result.seconds(), result.generations(),
                result.stopReason().description(), result.front().size(),
                summary.leftOff().isEmpty() ? "" : " (" + summary.leftOff().size() + " worthless left out)");
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
        stdout.flush();
        summary.notes().forEach(n -> warn(err, n));
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

    /** {@code progress}, with the search's warnings printed to {@code err} (even when progress is quiet). */
    private static SearchListener warnings(SearchListener progress, PrintWriter err) {
        return new SearchListener() {
            @Override
            public void progress(Progress p) {
                progress.progress(p);
            }

            @Override
            public void warning(String message) {
                warn(err, message);
            }

            @Override
            public void finished() {
                progress.finished();
            }
        };
    }
}
