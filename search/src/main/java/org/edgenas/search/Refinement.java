package org.edgenas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.validation.RankCorrelation;
import org.edgenas.space.SearchSpace;

/**
 * The second stage of a two-stage search: after a search scored candidates with a cheap accuracy proxy, an expensive
 * evaluator (training, the user's own trainer) re-scores {@code top} of them, spread along the front, and the front is
 * drawn again on what it measured. How well the proxy ranked them is the Spearman correlation of the two scores.
 *
 * <p>Selection ({@link #select}): the feasible, non-dominated evaluations first, then, while fewer than {@code top},
 * the next non-dominated layers. A layer larger than the places left is thinned to candidates evenly spaced in the
 * order of the first minimised objective (energy or latency), both ends included (one place: its middle), so the
 * selection spans the front from the cheapest to the most accurate.
 *
 * {@snippet :
 * Refinement r = Refinement.of(8, AccuracyProxies.create("train", settings, space));
 * Refinement.Result refined = r.run(space, search, objectives, RefineCheckpoint.none(), Refinement.Listener.NONE);
 * double rho = refined.spearman();
 * }
 *
 * @param top       candidates to re-score, at least 1
 * @param evaluator the expensive evaluator
 */
public record Refinement(int top, AccuracyProxy evaluator) {

    public Refinement {
        Objects.requireNonNull(evaluator, "evaluator");
        if (top < 1) {
            throw new IllegalArgumentException("refine at least one candidate, got top " + top);
        }
    }

    /** A refinement of {@code top} candidates by {@code evaluator}. */
    public static Refinement of(int top, AccuracyProxy evaluator) {
        return new Refinement(top, evaluator);
    }

    /** Told about each candidate as it is re-scored (from the refining thread). */
    public interface Listener {

        /** Ignores progress. */
        Listener NONE = new Listener() { };

        /** Before candidate {@code index} (from 1) of {@code total} is evaluated. */
        default void started(int index, int total, Evaluation candidate) {
        }

        /** After it was evaluated: {@code accuracy} is the evaluator's score, {@code seconds} its wall time. */
        default void scored(int index, int total, Evaluation candidate, double accuracy, double seconds) {
        }
    }

    /**
     * One re-scored candidate.
     *
     * @param search   its evaluation in the search (accuracy = the search's proxy score)
     * @param accuracy the evaluator's score
     */
    public record Refined(Evaluation search, double accuracy) {

        /** The search's evaluation with the evaluator's score as its accuracy. */
        public Evaluation refined() {
            Evaluation e = search;
            return new Evaluation(e.arch(), accuracy, e.energyMj(), e.latencyMs(), e.macs(), e.params(),
                    e.violation(), e.generation());
        }
    }

    /**
     * The outcome of a refinement.
     *
     * @param refined the re-scored candidates, in selection order (cheapest first)
     * @param front   those of them that no other re-scored candidate dominates once accuracy is the evaluator's
     * @param seconds wall time of the evaluations (those done in this process)
     */
    public record Result(List<Refined> refined, List<Refined> front, double seconds) {

        public Result {
            refined = List.copyOf(refined);
            front = List.copyOf(front);
        }

        /**
         * Spearman's rank correlation of the search's proxy scores with the evaluator's, over the re-scored
         * candidates (ties ranked by their average); NaN with fewer than two candidates or a constant score.
         */
        public double spearman() {
            if (refined.size() < 2) {
                return Double.NaN;
            }
            double[] proxy = refined.stream().mapToDouble(r -> r.search().accuracy()).toArray();
            double[] measured = refined.stream().mapToDouble(Refined::accuracy).toArray();
            return RankCorrelation.of(proxy, measured).spearman();
        }
    }

    /** The candidates {@link #run} re-scores: {@code top} of {@code evaluated}, spread along its front. */
    public static List<Evaluation> select(List<Evaluation> evaluated, List<Objective> objectives, int top) {
        Objective cost = objectives.stream().filter(o -> !o.maximize()).findFirst().orElse(objectives.getLast());
        Comparator<Evaluation> order = Comparator.comparingDouble(cost::of).thenComparing(Evaluation::arch);
        List<Evaluation> remaining = new ArrayList<>(evaluated.stream().filter(Evaluation::feasible).toList());
        List<Evaluation> selected = new ArrayList<>();
        while (selected.size() < top && !remaining.isEmpty()) {
            List<Evaluation> layer = new ArrayList<>(Pareto.front(remaining, objectives));
            remaining.removeAll(layer);
            layer.sort(order);
            int places = top - selected.size();
            if (layer.size() <= places) {
                selected.addAll(layer);
            } else if (places == 1) {
                selected.add(layer.get((layer.size() - 1) / 2));
            } else {
                for (int i = 0; i < places; i++) {
                    selected.add(layer.get((int) Math.round(i * (layer.size() - 1.0) / (places - 1))));
                }
            }
        }
        return selected;
    }

    /**
     * Re-scores the candidates {@link #select} picks from {@code search}, one after the other, recording each in
     * {@code checkpoint} as it is done and skipping those it already holds.
     *
     * @param space the space the architecture strings belong to
     * @throws org.edgenas.config.ConfigException if the checkpoint was written for another selection, or the
     *                                            evaluator fails on a candidate for a reason the user can fix
     */
    public Result run(SearchSpace space, SearchResult search, List<Objective> objectives, RefineCheckpoint checkpoint,
                      Listener listener) {
        List<Evaluation> candidates = select(search.evaluated(), objectives, top);
        RefineCheckpoint state = checkpoint.begin(candidates.stream().map(Evaluation::arch).toList());
        long start = System.nanoTime();
        List<Refined> refined = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Evaluation c = candidates.get(i);
            if (i < state.accuracy().size()) {
                refined.add(new Refined(c, state.accuracy().get(i)));
                continue;
            }
            listener.started(i + 1, candidates.size(), c);
            long t = System.nanoTime();
            double accuracy = evaluator.score(space.parse(c.arch()));
            if (Double.isNaN(accuracy)) {
                throw new IllegalStateException("evaluator " + evaluator.name() + " returned NaN for " + c.arch());
            }
            refined.add(new Refined(c, accuracy));
            state = state.with(accuracy);
            listener.scored(i + 1, candidates.size(), c, accuracy, (System.nanoTime() - t) / 1e9);
        }
        List<Refined> front = Pareto.nonDominated(refined, Refined::refined, objectives);
        return new Result(refined, front, (System.nanoTime() - start) / 1e9);
    }
}
