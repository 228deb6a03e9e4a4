package org.edgenas.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.edgenas.arch.Architecture;

/** Evaluates candidates on a fixed pool of daemon threads in this JVM. */
public final class LocalEvaluator implements CandidateEvaluator {

    private final Problem problem;
    private final ExecutorService pool;

    /** An evaluator of {@code problem} on {@code threads} threads. */
    public LocalEvaluator(Problem problem, int threads) {
        this.problem = problem;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "edgenas-eval");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<Evaluation> evaluate(List<Architecture> architectures, int generation) {
        List<Callable<Evaluation>> tasks = new ArrayList<>(architectures.size());
        for (Architecture a : architectures) {
            tasks.add(() -> problem.evaluate(a, generation));
        }
        try {
            List<Evaluation> out = new ArrayList<>(tasks.size());
            for (Future<Evaluation> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
