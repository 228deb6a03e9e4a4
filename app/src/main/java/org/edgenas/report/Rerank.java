package org.edgenas.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.FileResolver;
import org.edgenas.energy.Estimate;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.experiment.Experiment;
import org.edgenas.experiment.ResultsCsv;
import org.edgenas.io.AtomicFiles;
import org.edgenas.io.CsvFormat;
import org.edgenas.io.DirectoryLock;
import org.edgenas.io.JsonText;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Pareto;

/**
 * A finished run's candidates scored again on another board profile ({@code ./nas rerank --run DIR --board NEW}),
 * typically one refitted on measurements of the run's front: the accuracy of every architecture in
 * {@code evaluated.csv} is kept (the proxy is not run again), its energy and latency are estimated on the new board
 * (as the run's config says: point estimates or quantiles), its constraint violation recomputed, and the front taken
 * anew. The result is written as a run's outputs plus {@code rerank.csv} (every architecture on either front, with
 * its row on each and its costs before and after) and {@code rerank.json}, into a new directory that appears whole or
 * not at all.
 *
 * @param run        the run directory read
 * @param boardBefore the board the run searched with
 * @param experiment the run's experiment on the new board
 * @param evaluated  every evaluated architecture, scored on the new board, in {@code evaluated.csv} order
 * @param front      the front on the new board
 * @param changes    every architecture on the old or the new front
 */
public record Rerank(Path run, String boardBefore, Experiment experiment, List<Evaluation> evaluated,
                     List<Evaluation> front, List<Change> changes) {

    /**
     * An architecture on the front before or after.
     *
     * @param arch     the architecture
     * @param before   its row in the old {@code front.csv} (from 1), or null when it was not on it
     * @param after    its row in the new front, or null when it left
     * @param old      its evaluation in the run
     * @param now      its evaluation on the new board
     */
    public record Change(String arch, Integer before, Integer after, Evaluation old, Evaluation now) {

        /** {@code kept}, {@code entered} or {@code left}. */
        public String status() {
            return before == null ? "entered" : after == null ? "left" : "kept";
        }
    }

    /**
     * Scores the run in {@code runDir} on {@code board} (a built-in board or a profile {@code .json}).
     *
     * @throws ConfigException if the directory is not a finished run's, is held by a run, or its files or the board
     *                         cannot be read
     */
    public static Rerank of(Path runDir, String board) {
        Path runJson = runDir.resolve("run.json");
        if (!Files.isRegularFile(runJson) || !Files.isRegularFile(runDir.resolve("evaluated.csv"))
                || !Files.isRegularFile(runDir.resolve("front.csv"))) {
            throw new ConfigException(runDir + ": not a finished run's directory (run.json, evaluated.csv and "
                    + "front.csv are needed)");
        }
        DirectoryLock.requireFree(runDir, "--run " + runDir);
        Map<String, Object> config = ConfigFile.runConfig(runJson).asMap();
        String before = String.valueOf(config.get("board"));
        config.put("board", board);
        String json = JsonText.indented(config);
        Experiment e;
        try {
            e = Experiment.fromResolvedJson(json, FileResolver.LOCAL);
        } catch (ConfigException x) {
            throw new ConfigException("--run " + runDir + " on --board " + board + ": " + x.getMessage()
                    + (x.getMessage().contains("not found") ? " (paths in a run's config are found from the working "
                    + "directory, as when the run was started: run ./nas rerank from there)" : ""));
        }
        Path evaluatedCsv = runDir.resolve("evaluated.csv");
        List<Evaluation> old = ResultsCsv.read(evaluatedCsv);
        List<String> oldFront = ResultsCsv.read(runDir.resolve("front.csv")).stream().map(Evaluation::arch).toList();
        java.util.Set<String> evaluatedArchs = new java.util.HashSet<>();
        old.forEach(v -> evaluatedArchs.add(v.arch()));
        for (int i = 0; i < oldFront.size(); i++) {
            if (!evaluatedArchs.contains(oldFront.get(i))) {
                throw new ConfigException(runDir.resolve("front.csv") + ":" + (i + 2) + ": architecture "
                        + org.edgenas.config.Quotes.of(oldFront.get(i)) + " is not in " + evaluatedCsv + "; the run's "
                        + "files do not belong together");
            }
        }
        List<Evaluation> now = new ArrayList<>(old.size());
        for (int i = 0; i < old.size(); i++) {
            try {
                now.add(rescore(e, old.get(i)));
            } catch (ConfigException x) {
                throw new ConfigException(evaluatedCsv + ":" + (i + 2) + ": " + x.getMessage(), x);
            }
        }
        List<Objective> objectives = e.problem().objectives();
        List<Evaluation> front = Pareto.front(now, objectives);
        List<String> newFront = front.stream().map(Evaluation::arch).toList();
        Map<String, Evaluation> oldBy = new LinkedHashMap<>();
        old.forEach(v -> oldBy.put(v.arch(), v));
        Map<String, Evaluation> nowBy = new LinkedHashMap<>();
        now.forEach(v -> nowBy.put(v.arch(), v));
        List<Change> changes = new ArrayList<>();
        for (String arch : Stream.concat(oldFront.stream(), newFront.stream()).distinct().toList()) {
            int b = oldFront.indexOf(arch);
            int a = newFront.indexOf(arch);
            changes.add(new Change(arch, b < 0 ? null : b + 1, a < 0 ? null : a + 1, oldBy.get(arch),
                    nowBy.get(arch)));
        }
        changes.sort(Comparator.comparing((Change c) -> c.after() == null ? Integer.MAX_VALUE : c.after())
                .thenComparing(c -> c.before() == null ? Integer.MAX_VALUE : c.before()));
        return new Rerank(runDir, before, e, now, front, changes);
    }

    /**
     * {@code v} scored on the experiment's board: the same accuracy, energy and latency estimated anew, violation
     * recomputed; a candidate the run recorded as failed stays failed (with costs estimated where it had them).
     */
    private static Evaluation rescore(Experiment e, Evaluation v) {
        Architecture a = e.problem().space().parse(v.arch());
        Estimate est = e.problem().energy().estimate(a, e.problem().batch());
        boolean costed = Double.isFinite(v.energyMj()) || Double.isFinite(v.latencyMs());
        double energy = costed ? est.energyMj() : v.energyMj();
        double latency = costed ? est.latencyMs() : v.latencyMs();
        double violation = v.failed() ? v.violation() : e.problem().constraints().violation(energy, latency);
        return new Evaluation(v.arch(), v.accuracy(), energy, latency, v.macs(), v.params(), violation,
                v.generation());
    }

    /** How many architectures of either front have {@code status}: {@code kept}, {@code entered} or {@code left}. */
    public long count(String status) {
        return changes.stream().filter(c -> c.status().equals(status)).count();
    }

    /** The new board's name, as its profile gives it. */
    public String board() {
        return experiment.problem().energy().board();
    }

    /** The default output directory: {@code rerank-NAME} inside the run directory, NAME the new profile's name. */
    public Path defaultOutput() {
        String name = experiment.config().energy().profile().name();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException("--board " + experiment.config().energy().board() + ": its profile's name '"
                    + name + "' is not a plain name (letters, digits, '.', '_', '-') to make the output directory "
                    + "rerank-NAME of; give --out DIR");
        }
        return run.resolve("rerank-" + name);
    }

    /**
     * Writes the reranked run into {@code out}: {@code front.csv}, {@code evaluated.csv} (with the intervals where the
     * run's config asks for them), {@code front.png}, {@code front.svg}, {@code rerank.csv} and {@code rerank.json}.
     * They are written into a new directory beside {@code out}, which then replaces {@code out} by renames, so that
     * {@code out} is never half-written.
     */
    public void write(Path out) {
        Path target = out.toAbsolutePath().normalize();
        Path runAbs = run.toAbsolutePath().normalize();
        if (runAbs.startsWith(target)) {
            throw new ConfigException("--out " + out + ": is the run directory or holds it; a rerank never replaces "
                    + "the run's own files: give a new directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target.resolve("rerank.json"))) {
            throw new ConfigException("--out " + out + ": exists and is not an earlier rerank's output (it has no "
                    + "rerank.json), so it is not replaced: give a new directory or remove it");
        }
        Path parent = target.getParent();
        AtomicFiles.requireWritableDirectory(parent, "the rerank output's parent " + parent);
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-" + System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory beside " + out + ": " + e.getMessage(), e);
        }
        Path aside = null;
        try {
            files(staging);
            if (Files.exists(target)) {
                aside = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            if (aside != null) {
                delete(aside);
            }
        } catch (IOException e) {
            if (aside != null && !Files.exists(target)) {
                try {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw new UncheckedIOException("cannot write the reranked run to " + out + ": " + e.getMessage(), e);
        } finally {
            if (Files.exists(staging)) {
                delete(staging);
            }
        }
    }

    private void files(Path dir) {
        RunWriter.writeFront(dir, experiment, evaluated, front, List.of(), experiment.name() + ": reranked on "
                + board());
        StringBuilder csv = new StringBuilder("status,front_before,front_after,arch,energy_mj_before,energy_mj_after,"
                + "latency_ms_before,latency_ms_after\n");
        for (Change c : changes) {
            csv.append(c.status()).append(',').append(c.before() == null ? "" : c.before()).append(',')
                    .append(c.after() == null ? "" : c.after()).append(',').append(CsvFormat.field(c.arch()))
                    .append(',').append(CsvFormat.number(c.old().energyMj())).append(',')
                    .append(CsvFormat.number(c.now().energyMj())).append(',')
                    .append(CsvFormat.number(c.old().latencyMs())).append(',')
                    .append(CsvFormat.number(c.now().latencyMs())).append('\n');
        }
        AtomicFiles.write(dir.resolve("rerank.csv"), csv.toString());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.toString());
        record.put("board_before", boardBefore);
        record.put("board_after", board());
        record.put("evaluations", evaluated.size());
        record.put("front_size", front.size());
        for (String s : List.of("kept", "entered", "left")) {
            record.put(s, count(s));
        }
        record.put("config", experiment.resolved());
        AtomicFiles.write(dir.resolve("rerank.json"), JsonText.indented(record));
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
