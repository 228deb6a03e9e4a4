package org.edgenas.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a front: every evaluated architecture faint, the Pareto front highlighted, joined and numbered by its row in
 * {@code front.csv}, and the true front as a line when known; cost on x, accuracy on y.
 */
public final class FrontPlot {

    private FrontPlot() {
    }

    /**
     * The chart.
     *
     * @param reference the true front (drawn as a line), or empty
     */
    public static XYChart chart(String title, List<Evaluation> evaluated, List<Evaluation> front,
                                List<Evaluation> reference, Objective x, Objective y, String yLabel) {
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
        if (!reference.isEmpty()) {
            List<Evaluation> sorted = reference.stream().sorted(Comparator.comparingDouble(x::of)).toList();
            XYSeries t = chart.addSeries("true front (" + reference.size() + ")", values(sorted, x), values(sorted, y));
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(new Color(30, 90, 200));
            t.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        List<Evaluation> drawable = front.stream().filter(e -> Double.isFinite(x.of(e)) && Double.isFinite(y.of(e)))
                .toList();
        if (!drawable.isEmpty()) {
            List<Evaluation> sorted = drawable.stream().sorted(Comparator.comparingDouble(x::of)).toList();
            XYSeries f = chart.addSeries("Pareto front (" + front.size() + ")", values(sorted, x), values(sorted, y));
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setMarker(SeriesMarkers.DIAMOND);
            f.setMarkerColor(new Color(200, 30, 30));
            f.setLineColor(new Color(200, 30, 30));
            f.setLineStyle(new BasicStroke(1.5f));
            if (front.size() <= 30) {
                for (int i = 0; i < front.size(); i++) {
                    if (drawable.contains(front.get(i))) {
                        chart.addAnnotation(new AnnotationText(" " + (i + 1), x.of(front.get(i)),
                                y.of(front.get(i)), false));
                    }
                }
            }
        }
        return chart;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart as SVG bytes. */
    public static byte[] svg(XYChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toByteArray();
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

    static double[] values(List<Evaluation> rows, Objective o) {
        return rows.stream().mapToDouble(o::of).toArray();
    }
}
