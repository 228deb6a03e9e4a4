package org.edgenas.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.quality.FrontQuality;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Pareto;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Hypervolume of the front of the first k evaluations, for k up to all of them (about 100 steps), for two
 * objectives. Objectives are normalised by the true front when it is known (the curve is then the hypervolume ratio
 * found / true), otherwise by the final front's ideal and nadir; reference point 1.1.
 *
 * @param evaluations k at each step
 * @param hypervolume hypervolume (or ratio) at each step
 * @param ratio       whether the values are ratios to the true front's hypervolume
 */
public record Convergence(int[] evaluations, double[] hypervolume, boolean ratio) {

    /** The curve of a run's evaluations, in evaluation order. */
    public static Convergence of(List<Evaluation> evaluated, List<Objective> objectives, List<Evaluation> reference) {
        if (objectives.size() != 2 || evaluated.isEmpty()) {
            return new Convergence(new int[0], new double[0], false);
        }
        boolean ratio = !reference.isEmpty();
        List<Evaluation> base = ratio ? reference : Pareto.front(evaluated, objectives);
        if (base.isEmpty()) {
            return new Convergence(new int[0], new double[0], false);
        }
        FrontQuality quality = FrontQuality.against(Pareto.minimised(base, objectives));
        int step = Math.max(1, evaluated.size() / 100);
        List<Integer> ks = new ArrayList<>();
        for (int k = step; k < evaluated.size(); k += step) {
            ks.add(k);
        }
        ks.add(evaluated.size());
        int[] kk = ks.stream().mapToInt(Integer::intValue).toArray();
        double[] hv = new double[kk.length];
        for (int i = 0; i < kk.length; i++) {
            List<double[]> front = Pareto.minimised(Pareto.front(evaluated.subList(0, kk[i]), objectives), objectives);
            hv[i] = ratio ? quality.hypervolumeRatio(front) : quality.hypervolume(front);
        }
        return new Convergence(kk, hv, ratio);
    }

    /** The final value, or NaN without a curve. */
    public double last() {
        return hypervolume.length == 0 ? Double.NaN : hypervolume[hypervolume.length - 1];
    }

    /** The curve as a chart. */
    public XYChart chart(String title) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("unique evaluations")
                .yAxisTitle(ratio ? "hypervolume / true front's" : "hypervolume (normalised by the final front)")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        if (evaluations.length > 0) {
            double[] x = java.util.Arrays.stream(evaluations).asDoubleStream().toArray();
            XYSeries s = chart.addSeries("hypervolume", x, hypervolume);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(30, 90, 200));
        }
        return chart;
    }
}
