package org.edgenas.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.edgenas.arch.Architecture;
import org.edgenas.io.CsvFormat;
import org.edgenas.space.Genotype;

/**
 * Memoises evaluations by canonical architecture string, so that a budget counts unique architectures, and records
 * them in a deterministic order: the order in which a generation's population first names them, whatever evaluates
 * them. Up to {@code budget} architectures are evaluated; beyond it, {@link #evaluate} returns null for new ones.
 * Keeps the current Pareto front up to date. Used from one thread.
 */
final class EvaluationLog {

    private final Problem problem;
    private final CandidateEvaluator evaluator;
    private final int budget;
    private final Map<String, Evaluation> byArch = new LinkedHashMap<>();
    private final List<Evaluation> reference;
    private final SearchListener listener;
    private final List<Evaluation> front = new ArrayList<>();
    private QualityScale scale;

    /**
     * @param reference the known front the progress's hypervolume is relative to, or empty (see {@link QualityScale})
     * @param listener  told about candidates whose proxy ran past its time limit, in evaluation order
     */
    EvaluationLog(Problem problem, CandidateEvaluator evaluator, int budget, List<Evaluation> reference,
                  SearchListener listener) {
        this.problem = problem;
        this.evaluator = evaluator;
        this.budget = budget;
        this.reference = List.copyOf(reference);
        this.listener = listener;
    }

    /** Number of unique architectures evaluated so far. */
    int size() {
        return byArch.size();
    }

    /** The evaluation budget. */
    int budget() {
        return budget;
    }

    /** Whether the budget is used up. */
    boolean exhausted() {
        return byArch.size() >= budget;
    }

    /** Every evaluation, in the order first evaluated. */
    List<Evaluation> evaluated() {
        return Collections.unmodifiableList(new ArrayList<>(byArch.values()));
    }

    /** The evaluation of an architecture already evaluated, or null. */
    Evaluation get(String arch) {
        return byArch.get(arch);
    }

    /** Records evaluations made before (when resuming a run), in their order. */
    void restore(List<Evaluation> previous) {
        for (Evaluation e : previous) {
            add(e);
        }
    }

    /**
     * Evaluates a generation's genotypes: decodes them, evaluates the architectures not seen before (up to the budget),
     * and returns one evaluation per genotype, null for a new one past the budget.
     */
    List<Evaluation> evaluate(List<Genotype> genotypes, int generation) {
        List<Architecture> archs = new ArrayList<>(genotypes.size());
        for (Genotype g : genotypes) {
            archs.add(problem.space().decode(g));
        }
        Map<String, Architecture> fresh = new LinkedHashMap<>();
        for (Architecture a : archs) {
            if (!byArch.containsKey(a.id()) && !fresh.containsKey(a.id())
                    && byArch.size() + fresh.size() < budget) {
                fresh.put(a.id(), a);
            }
        }
        if (!fresh.isEmpty()) {
            for (Evaluation e : evaluator.evaluate(new ArrayList<>(fresh.values()), generation)) {
                add(e);
                if (problem.timedOut(e)) {
                    listener.warning("candidate " + e.arch() + " ran past proxy.timeout_s = "
                            + CsvFormat.number(problem.candidateTimeout().toNanos() / 1e9) + " s; recorded as failed "
                            + "(accuracy -inf, infeasible)");
                }
            }
        }
        List<Evaluation> out = new ArrayList<>(archs.size());
        for (Architecture a : archs) {
            out.add(byArch.get(a.id()));
        }
        return out;
    }

    private void add(Evaluation e) {
        byArch.put(e.arch(), e);
        if (Pareto.eligible(e, problem.objectives())) {
            Pareto.insert(front, e, Function.identity(), problem.objectives());
        }
    }

    /**
     * The progress report after {@code generation}, with the hypervolume ratio on the run's {@link QualityScale} (the
     * one the convergence plot and run.json use), NaN until the scale is known or for more than two objectives.
     */
    SearchListener.Progress progress(int generation, double seconds) {
        if (scale == null) {
            scale = QualityScale.of(evaluated(), problem.objectives(), reference).orElse(null);
        }
        double hv = scale == null ? Double.NaN : scale.hypervolumeRatio(front);
        return new SearchListener.Progress(generation, byArch.size(), budget, front.size(), hv, seconds);
    }
}
