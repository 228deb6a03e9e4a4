package org.edgenas.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Constraints;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Pareto;
import org.edgenas.search.QualityScale;
import org.edgenas.search.SearchResult;

/**
 * What a run found, beyond its rows, in one place for the console, {@code run.json} and {@code report.html}: how many
 * architectures are feasible, worthless or failed, which the front leaves out, whether any met the constraints, and
 * the front's quality on the run's {@link QualityScale}.
 *
 * @param result        the search's result
 * @param objectives    the run's objectives
 * @param constraints   the run's constraints
 * @param leftOff       worthless architectures that would be on the front if {@code -inf} counted
 * @param leastViolated when no architecture is feasible, the one that violates the constraints least; else null
 * @param scale         the quality scale, or null (more than two objectives, or nothing eligible)
 */
public record RunSummary(SearchResult result, List<Objective> objectives, Constraints constraints,
                         List<Evaluation> leftOff, Evaluation leastViolated, QualityScale scale) {

    public RunSummary {
        objectives = List.copyOf(objectives);
        leftOff = List.copyOf(leftOff);
    }

    /** The summary of {@code result}, with quality against {@code reference} (the checked reference front, or empty). */
    public static RunSummary of(SearchResult result, List<Objective> objectives, Constraints constraints,
                                List<Evaluation> reference) {
        List<Evaluation> evaluated = result.evaluated();
        Evaluation least = null;
        if (!evaluated.isEmpty() && evaluated.stream().noneMatch(Evaluation::feasible)) {
            least = evaluated.stream().min(Comparator.comparingDouble(Evaluation::violation)).orElseThrow();
        }
        Optional<QualityScale> scale = QualityScale.of(evaluated, objectives, reference);
        return new RunSummary(result, objectives, constraints, Pareto.leftOff(evaluated, objectives), least,
                scale.orElse(null));
    }

    /** Architectures that meet every constraint. */
    public long feasible() {
        return result.feasible();
    }

    /** Architectures the proxy scored {@code -inf}. */
    public long worthless() {
        return result.worthless();
    }

    /** Architectures recorded as failed (a proxy past its time limit; a cluster failure recorded as infeasible). */
    public long failed() {
        return result.evaluated().stream().filter(Evaluation::failed).count();
    }

    /** The front's hypervolume ratio on the scale, or NaN without one. */
    public double hypervolumeRatio() {
        return scale == null ? Double.NaN : scale.hypervolumeRatio(result.evaluated());
    }

    /** For {@code run.json}: the counts and what the front leaves out. */
    public Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feasible", feasible());
        m.put("infeasible", result.evaluated().size() - feasible());
        m.put("worthless", worthless());
        m.put("failed", failed());
        Map<String, Object> left = new LinkedHashMap<>();
        left.put("worthless", leftOff.size());
        left.put("archs", leftOff.stream().map(Evaluation::arch).toList());
        m.put("left_off_front", left);
        return m;
    }

    /** For {@code run.json}: the front's quality on the scale (empty without one). */
    public Map<String, Object> quality() {
        Map<String, Object> q = new LinkedHashMap<>();
        if (scale == null) {
            return q;
        }
        q.put("hypervolume_ratio", hypervolumeRatio());
        q.put("relative_to", scale.basis().key());
        if (scale.basis() == QualityScale.Basis.REFERENCE_FRONT) {
            // infinite (no front found) is written as null: JSON has no infinity
            q.put("igd", finite(scale.igd(result.evaluated())));
            q.put("additive_epsilon", finite(scale.additiveEpsilon(result.evaluated())));
        }
        q.put("normalisation", scale.normalisation());
        return q;
    }

    /** For {@code run.json}: the least violation seen when nothing met the constraints, else null. */
    public Map<String, Object> unmetConstraints() {
        if (leastViolated == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("constraints", constraintText());
        m.put("least_violation", finite(leastViolated.violation()));
        m.put("arch", leastViolated.arch());
        m.put("energy_mj", finite(leastViolated.energyMj()));
        m.put("latency_ms", finite(leastViolated.latencyMs()));
        return m;
    }

    /**
     * Lines the user must read after a run: what the front leaves out and why, and constraints that nothing met
     * (each without a {@code warning:} prefix).
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        if (!leftOff.isEmpty()) {
            out.add(leftOff.size() + " worthless architecture(s) (proxy score -inf) left off the front, where their "
                    + "cost alone would have put them: " + String.join(", ", leftOff.stream().limit(3)
                    .map(Evaluation::arch).toList()) + (leftOff.size() > 3 ? ", ..." : ""));
        }
        if (leastViolated != null && leastViolated.failed()) {
            out.add("no evaluated architecture could be scored (every one was recorded as failed): the front is "
                    + "empty");
        } else if (leastViolated != null) {
            out.add("no evaluated architecture meets the constraints (" + constraintText() + "): the front is empty; "
                    + "the least violation seen is " + CsvFormat.display(leastViolated.violation()) + " (relative "
                    + "excess), by " + leastViolated.arch() + " at " + CsvFormat.display(leastViolated.energyMj())
                    + " mJ" + (Double.isNaN(leastViolated.latencyMs()) ? ""
                    : ", " + CsvFormat.display(leastViolated.latencyMs()) + " ms") + "; loosen the constraints");
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private String constraintText() {
        List<String> parts = new ArrayList<>();
        if (constraints.maxEnergyMj() != null) {
            parts.add("max_energy_mj " + CsvFormat.display(constraints.maxEnergyMj()));
        }
        if (constraints.maxLatencyMs() != null) {
            parts.add("max_latency_ms " + CsvFormat.display(constraints.maxLatencyMs()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
