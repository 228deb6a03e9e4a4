package org.edgenas.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a front: every evaluated architecture faint, the Pareto front highlighted and joined, cost on x. Points with
 * an infinite value (a proxy's "worthless" score of negative infinity) cannot be drawn; the title counts them.
 */
public final class FrontPlot {

    private FrontPlot() {
    }

    /**
     * The plot as PNG bytes.
     *
     * @param title     chart title
     * @param x         the cost objective on the x axis (energy or latency)
     * @param y         the objective on the y axis (accuracy)
     * @param yLabel    y axis label (the proxy's name)
     */
    public static byte[] png(String title, List<Evaluation> evaluated, List<Evaluation> front, Objective x,
                             Objective y, String yLabel) {
        System.setProperty("java.awt.headless", "true");
        List<Evaluation> drawable = evaluated.stream().filter(e -> Double.isFinite(x.of(e)) && Double.isFinite(y.of(e)))
                .toList();
        int hidden = evaluated.size() - drawable.size();
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title(hidden == 0 ? title : title + " (" + hidden + " of " + evaluated.size()
                        + " scored -inf, not drawn)")
                .xAxisTitle(label(x)).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Evaluation> rest = drawable.stream().filter(e -> !front.contains(e)).toList();
        if (!rest.isEmpty()) {
            XYSeries all = chart.addSeries("evaluated (" + evaluated.size() + ")", values(rest, x), values(rest, y));
            all.setMarkerColor(new Color(120, 120, 120, 70));
            all.setMarker(SeriesMarkers.CIRCLE);
        }
        java.util.Set<Evaluation> drawn = new java.util.HashSet<>(drawable);
        List<Evaluation> frontDrawn = front.stream().filter(drawn::contains).toList();
        if (!frontDrawn.isEmpty()) {
            List<Evaluation> sorted = frontDrawn.stream()
                    .sorted(java.util.Comparator.comparingDouble(x::of)).toList();
            XYSeries f = chart.addSeries("Pareto front (" + front.size() + ")", values(sorted, x), values(sorted, y));
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setMarker(SeriesMarkers.DIAMOND);
            f.setMarkerColor(new Color(200, 30, 30));
            f.setLineColor(new Color(200, 30, 30));
            f.setLineStyle(new BasicStroke(1.5f));
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String label(Objective o) {
        return switch (o) {
            case ENERGY_MJ -> "energy per image (mJ)";
            case LATENCY_MS -> "latency per batch (ms)";
            case ACCURACY -> "accuracy proxy";
        };
    }

    private static double[] values(List<Evaluation> rows, Objective o) {
        return rows.stream().mapToDouble(o::of).toArray();
    }
}
