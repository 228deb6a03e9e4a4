package org.edgenas.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scatter plots as PNG: predicted against measured with the y = x line (log-log axes when values span more than
 * 20x), or one score against another.
 */
public final class ScatterPlot {

    private ScatterPlot() {
    }

    /** The plot as PNG bytes; {@code measured} and {@code predicted} are paired and positive. */
    public static byte[] png(String title, String unit, double[] measured, double[] predicted) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(700).height(650).title(title)
                .xAxisTitle("measured (" + unit + ")").yAxisTitle("predicted (" + unit + ")").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < measured.length; i++) {
            lo = Math.min(lo, Math.min(measured[i], predicted[i]));
            hi = Math.max(hi, Math.max(measured[i], predicted[i]));
        }
        boolean log = hi / lo > 20;
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setYAxisLogarithmic(log);
        XYSeries points = chart.addSeries("rows (" + measured.length + ")", measured, predicted);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(30, 80, 200, 90));
        XYSeries line = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.DARK_GRAY);
        return png(chart);
    }

    /**
     * {@code y} against {@code x}, each point labelled by its index from 1 (paired values; non-finite ones left out),
     * linear axes.
     */
    public static byte[] png(String title, String xTitle, String yTitle, double[] x, double[] y) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(9);
        java.util.List<Double> xs = new java.util.ArrayList<>();
        java.util.List<Double> ys = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
                chart.addAnnotation(new org.knowm.xchart.AnnotationText(Integer.toString(i + 1), x[i], y[i], false));
            }
        }
        XYSeries points = chart.addSeries("candidates (" + xs.size() + ")", xs, ys);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(200, 60, 30, 160));
        return png(chart);
    }

    /** An XChart chart as PNG bytes. */
    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
