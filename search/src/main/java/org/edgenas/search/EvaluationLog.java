package org.edgenas.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.space.Genotype;

/**
 * Memoises evaluations by canonical architecture string, so that a budget counts unique architectures, and records
 * them in a deterministic order: the order in which a generation's population first names them, whatever evaluates
 * them. Up to {@code budget} architectures are evaluated; beyond it, {@link #evaluate} returns null for new ones.
 * Used from one thread.
 */
final class EvaluationLog {

    private final Problem problem;
    private final CandidateEvaluator evaluator;
    private final int budget;
    private final Map<String, Evaluation> byArch = new LinkedHashMap<>();

    EvaluationLog(Problem problem, CandidateEvaluator evaluator, int budget) {
        this.problem = problem;
        this.evaluator = evaluator;
        this.budget = budget;
    }

    /** Number of unique architectures evaluated so far. */
    int size() {
        return byArch.size();
    }

    /** Whether the budget is used up. */
    boolean exhausted() {
        return byArch.size() >= budget;
    }

    /** Every evaluation, in the order first evaluated. */
    List<Evaluation> evaluated() {
        return Collections.unmodifiableList(new ArrayList<>(byArch.values()));
    }

    /** Records evaluations made before (when resuming a run), in their order. */
    void restore(List<Evaluation> previous) {
        for (Evaluation e : previous) {
            byArch.put(e.arch(), e);
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
                byArch.put(e.arch(), e);
            }
        }
        List<Evaluation> out = new ArrayList<>(archs.size());
        for (Architecture a : archs) {
            out.add(byArch.get(a.id()));
        }
        return out;
    }
}
