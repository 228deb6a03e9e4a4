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

/** Draws a front: every evaluated architecture faint, the Pareto front highlighted and joined, cost on x. */
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
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle(label(x)).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // a candidate recorded as failed (accuracy -inf, energy +inf) or scored -inf by its proxy has no point to draw
        List<Evaluation> rest = evaluated.stream().filter(e -> !front.contains(e))
                .filter(e -> Double.isFinite(x.of(e)) && Double.isFinite(y.of(e))).toList();
        if (!rest.isEmpty()) {
            XYSeries all = chart.addSeries("evaluated (" + evaluated.size() + ")", values(rest, x), values(rest, y));
            all.setMarkerColor(new Color(120, 120, 120, 70));
            all.setMarker(SeriesMarkers.CIRCLE);
        }
        if (!front.isEmpty()) {
            List<Evaluation> sorted = front.stream()
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
