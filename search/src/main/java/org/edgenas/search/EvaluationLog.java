package org.edgenas.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.space.Genotype;

/**
 * Memoises evaluations by canonical architecture string, so that a budget counts unique architectures, and records
 * them in a deterministic order: the order in which a generation's population first names them, whatever the number
 * of threads that evaluate them. Up to {@code budget} architectures are evaluated; beyond it, {@link #evaluate}
 * returns null for new ones. Used from one thread; evaluation inside a batch runs on the given executor.
 */
final class EvaluationLog {

    private final Problem problem;
    private final ExecutorService executor;
    private final int budget;
    private final Map<String, Evaluation> byArch = new LinkedHashMap<>();

    EvaluationLog(Problem problem, ExecutorService executor, int budget) {
        this.problem = problem;
        this.executor = executor;
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

    /**
     * Evaluates a generation's genotypes: decodes them in parallel, evaluates the architectures not seen before (up
     * to the budget) in parallel, and returns one evaluation per genotype, null for a new one past the budget.
     */
    List<Evaluation> evaluate(List<Genotype> genotypes, int generation) {
        List<Architecture> archs = parallel(genotypes.stream()
                .map(g -> (java.util.concurrent.Callable<Architecture>) () -> problem.space().decode(g)).toList());
        Map<String, Architecture> fresh = new LinkedHashMap<>();
        for (Architecture a : archs) {
            if (!byArch.containsKey(a.id()) && !fresh.containsKey(a.id())
                    && byArch.size() + fresh.size() < budget) {
                fresh.put(a.id(), a);
            }
        }
        List<Evaluation> results = parallel(fresh.values().stream()
                .map(a -> (java.util.concurrent.Callable<Evaluation>) () -> problem.evaluate(a, generation)).toList());
        for (Evaluation e : results) {
            byArch.put(e.arch(), e);
        }
        List<Evaluation> out = new ArrayList<>(archs.size());
        for (Architecture a : archs) {
            out.add(byArch.get(a.id()));
        }
        return out;
    }

    private <T> List<T> parallel(List<java.util.concurrent.Callable<T>> tasks) {
        try {
            List<Future<T>> futures = executor.invokeAll(tasks);
            List<T> out = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigException c) {
                throw c;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
