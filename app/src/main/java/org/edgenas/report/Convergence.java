package org.edgenas.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Pareto;
import org.edgenas.search.QualityScale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The hypervolume ratio of the front of the first k evaluations, for k up to all of them (about 100 steps), on the
 * run's {@link QualityScale}, the one its progress line and {@code run.json} use: relative to the reference front's
 * hypervolume when one is used, else to the first generation's front's. Two objectives only.
 *
 * @param evaluations k at each step
 * @param hypervolume the hypervolume ratio at each step
 * @param basis       what the ratios are relative to, or null without a curve
 */
public record Convergence(int[] evaluations, double[] hypervolume, QualityScale.Basis basis) {

    /** The curve of a run's evaluations, in evaluation order, on {@code scale} (none without a scale). */
    public static Convergence of(List<Evaluation> evaluated, QualityScale scale) {
        if (scale == null || evaluated.isEmpty()) {
            return new Convergence(new int[0], new double[0], null);
        }
        int step = Math.max(1, evaluated.size() / 100);
        List<Integer> ks = new ArrayList<>();
        for (int k = step; k < evaluated.size(); k += step) {
            ks.add(k);
        }
        ks.add(evaluated.size());
        int[] kk = ks.stream().mapToInt(Integer::intValue).toArray();
        double[] hv = new double[kk.length];
        // the non-dominated eligible evaluations of each prefix, kept up to date in one pass (the front of the first
        // k evaluations is that of this set: recomputing it per step from the whole prefix is quadratic)
        List<Objective> objectives = scale.objectives();
        List<Evaluation> nonDominated = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < kk.length; i++) {
            for (; next < kk[i]; next++) {
                Evaluation e = evaluated.get(next);
                if (Pareto.eligible(e, objectives)) {
                    Pareto.insert(nonDominated, e, Function.identity(), objectives);
                }
            }
            hv[i] = scale.hypervolumeRatio(nonDominated);
        }
        return new Convergence(kk, hv, scale.basis());
    }

    /** The final value, or NaN without a curve. */
    public double last() {
        return hypervolume.length == 0 ? Double.NaN : hypervolume[hypervolume.length - 1];
    }

    /** The curve as PNG bytes. */
    public byte[] png(String title) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("unique evaluations")
                .yAxisTitle("hypervolume / " + (basis == null ? "-" : basis.description() + "'s")).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        if (evaluations.length > 0) {
            double[] x = java.util.Arrays.stream(evaluations).asDoubleStream().toArray();
            XYSeries s = chart.addSeries("hypervolume", x, hypervolume);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(30, 90, 200));
        }
        return ScatterPlot.png(chart);
    }
}
