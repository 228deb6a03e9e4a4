package org.edgenas.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Constraints;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;

/**
 * Draws a run's front, cost on x and accuracy on y: every feasible evaluated architecture as a faint dot, infeasible
 * ones as orange crosses, the Pareto front joined and numbered by its row in {@code front.csv}, the true front dashed
 * when known, and the constraint on the x objective ({@code max_energy_mj} or {@code max_latency_ms}) as a dashed
 * line with the infeasible side tinted. Architectures with a non-finite value (worthless, {@code -inf}; failed) are in
 * no series; the legend counts them. An axis whose values are all positive and span more than two decades is
 * logarithmic. Labels are placed so that none overlaps another or a front point ({@link LabelPlacer}); a label with no
 * free place is left out. A run with prediction intervals draws each front point's interval of the x objective as a
 * horizontal error bar. Written as PNG, and as SVG whose text is text ({@code <text>} elements, searchable and
 * selectable), both from one layout.
 */
public final class FrontPlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    /** The plot area, pixels (y down). */
    static final Rectangle2D AREA = new Rectangle2D.Double(90, 50, 570, 470);
    private static final double LEGEND_X = 680;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final FontRenderContext METRICS = new FontRenderContext(null, true, true);

    private static final Color GRID = new Color(225, 225, 225);
    private static final Color EVALUATED = new Color(110, 110, 110, 90);
    private static final Color INFEASIBLE = new Color(230, 120, 20);
    private static final Color FRONT = new Color(200, 30, 30);
    private static final Color TRUE_FRONT = new Color(30, 90, 200);
    private static final Color BAR = new Color(200, 30, 30, 120);
    private static final Color CONSTRAINT = new Color(70, 70, 70);
    private static final Color INFEASIBLE_SIDE = new Color(230, 120, 20, 22);
    private static final BasicStroke DASHED = new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final Axis xAxis;
    private final Axis yAxis;
    private final List<Point2D> feasible;
    private final List<Point2D> infeasible;
    private final List<Point2D> front;
    private final List<Point2D> trueFront;
    private final Double limit;
    private final String limitLabel;
    private final List<Rectangle2D> labels;
    private final List<String> legend;
    private final List<Color> legendColors;
    private final List<Line2D> bars;

    private FrontPlot(String title, String xTitle, String yTitle, Axis xAxis, Axis yAxis, List<Point2D> feasible,
                      List<Point2D> infeasible, List<Point2D> front, List<Point2D> trueFront, Double limit,
                      String limitLabel, List<Rectangle2D> labels, List<String> legend, List<Color> legendColors,
                      List<Line2D> bars) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.feasible = feasible;
        this.infeasible = infeasible;
        this.front = front;
        this.trueFront = trueFront;
        this.limit = limit;
        this.limitLabel = limitLabel;
        this.labels = labels;
        this.legend = legend;
        this.legendColors = legendColors;
        this.bars = bars;
    }

    /**
     * Error bars of the front's points on the x axis: a prediction interval of the x objective per evaluation.
     *
     * @param range  the interval {@code [low, high]} of an evaluation's x objective (non-finite: no bar)
     * @param legend the legend's line, e.g. {@code 80 % interval of energy_mj}
     */
    public record Bars(Function<Evaluation, double[]> range, String legend) {
    }

    /**
     * The bars of a run that writes prediction intervals: of energy or latency, whichever {@code x} is; null where
     * {@code bounds} is null (no intervals) or {@code x} is neither.
     *
     * @param bounds {@code {energy low, energy high, latency low, latency high}} per evaluation, as in
     *               {@link Csv#evaluations(List, Function)}
     * @param u      the run's uncertainty settings: the intervals' share and the quantile the points are, for the
     *               legend
     */
    public static Bars bars(Function<Evaluation, double[]> bounds, Objective x,
                            org.edgenas.experiment.UncertaintyConfig u) {
        if (bounds == null || x == Objective.ACCURACY) {
            return null;
        }
        Double share = u.interval();
        Double quantile = x == Objective.ENERGY_MJ ? u.energyQuantile() : u.latencyQuantile();
        int at = x == Objective.ENERGY_MJ ? 0 : 2;
        return new Bars(e -> new double[] {bounds.apply(e)[at], bounds.apply(e)[at + 1]},
                String.format(Locale.ROOT, "%.0f %% interval of %s around its estimate", 100 * share, x.key())
                        + (quantile == null ? "" : String.format(Locale.ROOT, "; points: its %.3g quantile",
                        quantile)));
    }

    /**
     * The plot of a run.
     *
     * @param evaluated   every evaluated architecture
     * @param front       the front, in {@code front.csv} order (its labels are 1, 2, ...)
     * @param reference   the true front (drawn dashed), or empty
     * @param x           the cost objective on the x axis
     * @param y           the objective on the y axis (accuracy)
     * @param constraints the run's constraints; the one on {@code x}, if any, is drawn
     */
    public static FrontPlot of(String title, List<Evaluation> evaluated, List<Evaluation> front,
                               List<Evaluation> reference, Objective x, Objective y, String yLabel,
                               Constraints constraints) {
        return of(title, evaluated, front, reference, x, y, yLabel, constraints, null);
    }

    /**
     * The plot of a run, with error bars on the front's points ({@code bars}; null: none), included in the x axis's
     * range.
     */
    public static FrontPlot of(String title, List<Evaluation> evaluated, List<Evaluation> front,
                               List<Evaluation> reference, Objective x, Objective y, String yLabel,
                               Constraints constraints, Bars bars) {
        Set<Evaluation> onFront = new HashSet<>(front);
        List<Evaluation> rest = evaluated.stream().filter(e -> !onFront.contains(e)).toList();
        List<Evaluation> feasibleRest = rest.stream().filter(e -> e.feasible() && drawable(e, x, y)).toList();
        List<Evaluation> infeasibleRest = rest.stream().filter(e -> !e.feasible() && drawable(e, x, y)).toList();
        List<Evaluation> frontShown = front.stream().filter(e -> drawable(e, x, y)).toList();
        List<Evaluation> trueShown = reference.stream().filter(e -> drawable(e, x, y))
                .sorted(Comparator.comparingDouble(x::of)).toList();
        long hidden = evaluated.stream().filter(e -> !drawable(e, x, y)).count();
        long worthless = evaluated.stream().filter(e -> !drawable(e, x, y) && e.worthless() && !e.failed()).count();

        Double limit = switch (x) {
            case ENERGY_MJ -> constraints.maxEnergyMj();
            case LATENCY_MS -> constraints.maxLatencyMs();
            case ACCURACY -> null;
        };
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (List<Evaluation> l : List.of(feasibleRest, infeasibleRest, frontShown, trueShown)) {
            l.forEach(e -> {
                xs.add(x.of(e));
                ys.add(y.of(e));
            });
        }
        if (limit != null) {
            xs.add(limit);
        }
        if (bars != null) {
            for (Evaluation e : frontShown) {
                for (double b : bars.range().apply(e)) {
                    if (Double.isFinite(b) && b > 0) {
                        xs.add(b);
                    }
                }
            }
        }
        Axis xAxis = Axis.of(xs);
        Axis yAxis = Axis.of(ys);

        List<Point2D> frontPoints = new ArrayList<>();
        List<Point2D> anchors = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        List<Rectangle2D> markers = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            Evaluation e = front.get(i);
            if (!drawable(e, x, y)) {
                continue;
            }
            Point2D p = pixel(xAxis, yAxis, x.of(e), y.of(e));
            anchors.add(p);
            widths.add(LABEL.getStringBounds(Integer.toString(i + 1), METRICS).getWidth());
            markers.add(new Rectangle2D.Double(p.getX() - 4, p.getY() - 4, 8, 8));
        }
        frontShown.stream().sorted(Comparator.comparingDouble(x::of))
                .forEach(e -> frontPoints.add(pixel(xAxis, yAxis, x.of(e), y.of(e))));
        String limitLabel = limit == null ? null : (x == Objective.ENERGY_MJ ? "max_energy_mj " : "max_latency_ms ")
                + CsvFormat.display(limit);
        if (limit != null) {
            double lx = AREA.getX() + xAxis.fraction(limit) * AREA.getWidth();
            Rectangle2D text = LABEL.getStringBounds(limitLabel, METRICS);
            markers.add(new Rectangle2D.Double(lx + 3, AREA.getY() + 2, text.getWidth() + 2, text.getHeight() + 2));
        }
        double labelHeight = LABEL.getLineMetrics("0", METRICS).getAscent();
        List<Line2D> barLines = new ArrayList<>();
        if (bars != null) {
            for (Evaluation e : frontShown) {
                double[] r = bars.range().apply(e);
                if (Double.isFinite(r[0]) && Double.isFinite(r[1]) && r[0] > 0) {
                    Point2D lo = pixel(xAxis, yAxis, r[0], y.of(e));
                    Point2D hi = pixel(xAxis, yAxis, r[1], y.of(e));
                    barLines.add(new Line2D.Double(lo, hi));
                }
            }
        }
        List<Rectangle2D> labels = anchors.isEmpty() ? List.of()
                : LabelPlacer.place(anchors, widths, labelHeight, AREA, markers);

        List<String> legend = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        legend.add("evaluated, feasible (" + feasibleRest.size() + ")");
        colors.add(EVALUATED);
        if (!infeasibleRest.isEmpty()) {
            legend.add("infeasible (" + infeasibleRest.size() + ")");
            colors.add(INFEASIBLE);
        }
        legend.add("Pareto front (" + front.size() + ")");
        colors.add(FRONT);
        if (!barLines.isEmpty()) {
            legend.add(bars.legend() + " (bars)");
            colors.add(BAR);
        }
        if (!trueShown.isEmpty()) {
            legend.add("true front (" + reference.size() + ")");
            colors.add(TRUE_FRONT);
        }
        if (limit != null) {
            legend.add(limitLabel);
            colors.add(CONSTRAINT);
        }
        if (hidden > 0) {
            legend.add("not drawn: " + hidden + " without a finite value");
            colors.add(null);
            if (worthless > 0) {
                legend.add("(" + worthless + " worthless, score -inf)");
                colors.add(null);
            }
        }
        long unlabelled = labels.stream().filter(java.util.Objects::isNull).count();
        if (unlabelled > 0) {
            legend.add(unlabelled + " front label(s) left out (crowded)");
            colors.add(null);
        }
        return new FrontPlot(title, label(x) + (xAxis.log() ? ", log scale" : ""),
                yLabel + (yAxis.log() ? ", log scale" : ""), xAxis, yAxis,
                points(feasibleRest, xAxis, yAxis, x, y), points(infeasibleRest, xAxis, yAxis, x, y), frontPoints,
                points(trueShown, xAxis, yAxis, x, y), limit, limitLabel, withText(labels, front, x, y), legend,
                colors, barLines);
    }

    /** The label boxes, with the row number each belongs to kept by position (null: left out or not drawn). */
    private static List<Rectangle2D> withText(List<Rectangle2D> placed, List<Evaluation> front, Objective x,
                                              Objective y) {
        List<Rectangle2D> out = new ArrayList<>();
        int k = 0;
        for (Evaluation e : front) {
            out.add(drawable(e, x, y) ? placed.get(k++) : null);
        }
        return out;
    }

    private static boolean drawable(Evaluation e, Objective x, Objective y) {
        return Double.isFinite(x.of(e)) && Double.isFinite(y.of(e));
    }

    private static List<Point2D> points(List<Evaluation> rows, Axis xAxis, Axis yAxis, Objective x, Objective y) {
        return rows.stream().map(e -> pixel(xAxis, yAxis, x.of(e), y.of(e))).toList();
    }

    private static Point2D pixel(Axis xAxis, Axis yAxis, double x, double y) {
        return new Point2D.Double(AREA.getX() + xAxis.fraction(x) * AREA.getWidth(),
                AREA.getMaxY() - yAxis.fraction(y) * AREA.getHeight());
    }

    private static String label(Objective o) {
        return switch (o) {
            case ENERGY_MJ -> "energy per image (mJ)";
            case LATENCY_MS -> "latency per batch (ms)";
            case ACCURACY -> "accuracy proxy";
        };
    }

    /** The x axis (for tests). */
    Axis xAxis() {
        return xAxis;
    }

    /** The y axis (for tests). */
    Axis yAxis() {
        return yAxis;
    }

    /** Each front row's label box, pixels, or null where it is left out or not drawn (for tests). */
    List<Rectangle2D> labels() {
        return labels;
    }

    /** The front's points, pixels, in order of cost (for tests). */
    List<Point2D> frontPoints() {
        return front;
    }

    /** The error bars of the front's points, pixels (for tests). */
    List<Line2D> bars() {
        return bars;
    }

    /** The legend's lines (for tests). */
    List<String> legend() {
        return legend;
    }

    /** The plot as PNG bytes. */
    public byte[] png() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        paint(g);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plot as SVG bytes, its text as {@code <text>} elements. */
    public byte[] svg() {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        Document doc = Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, HEIGHT));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        grid(g);
        if (limit != null) {
            double lx = AREA.getX() + xAxis.fraction(limit) * AREA.getWidth();
            g.setColor(INFEASIBLE_SIDE);
            g.fill(new Rectangle2D.Double(lx, AREA.getY(), AREA.getMaxX() - lx, AREA.getHeight()));
            g.setColor(CONSTRAINT);
            g.setStroke(DASHED);
            g.draw(new Line2D.Double(lx, AREA.getY(), lx, AREA.getMaxY()));
            g.setFont(LABEL);
            g.drawString(limitLabel, (float) lx + 4, (float) (AREA.getY() + 2 + LABEL.getLineMetrics(limitLabel,
                    METRICS).getAscent()));
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(EVALUATED);
        for (Point2D p : feasible) {
            g.fill(new Ellipse2D.Double(p.getX() - 3, p.getY() - 3, 6, 6));
        }
        g.setColor(INFEASIBLE);
        g.setStroke(new BasicStroke(1.3f));
        for (Point2D p : infeasible) {
            g.draw(new Line2D.Double(p.getX() - 3, p.getY() - 3, p.getX() + 3, p.getY() + 3));
            g.draw(new Line2D.Double(p.getX() - 3, p.getY() + 3, p.getX() + 3, p.getY() - 3));
        }
        if (!trueFront.isEmpty()) {
            g.setColor(TRUE_FRONT);
            g.setStroke(DASHED);
            g.draw(polyline(trueFront));
        }
        g.setColor(BAR);
        g.setStroke(new BasicStroke(1.2f));
        for (Line2D b : bars) {
            g.draw(b);
            g.draw(new Line2D.Double(b.getX1(), b.getY1() - 3, b.getX1(), b.getY1() + 3));
            g.draw(new Line2D.Double(b.getX2(), b.getY2() - 3, b.getX2(), b.getY2() + 3));
        }
        if (!front.isEmpty()) {
            g.setColor(FRONT);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(polyline(front));
            for (Point2D p : front) {
                g.fill(diamond(p, 4));
            }
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            float ascent = LABEL.getLineMetrics("0", METRICS).getAscent();
            for (int i = 0; i < labels.size(); i++) {
                Rectangle2D box = labels.get(i);
                if (box != null) {
                    g.drawString(Integer.toString(i + 1), (float) box.getX(), (float) box.getY() + ascent);
                }
            }
        }
        axes(g);
        legend(g);
    }

    private void grid(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (double t : xAxis.ticks()) {
            double px = AREA.getX() + xAxis.fraction(t) * AREA.getWidth();
            g.draw(new Line2D.Double(px, AREA.getY(), px, AREA.getMaxY()));
        }
        for (double t : yAxis.ticks()) {
            double py = AREA.getMaxY() - yAxis.fraction(t) * AREA.getHeight();
            g.draw(new Line2D.Double(AREA.getX(), py, AREA.getMaxX(), py));
        }
    }

    private void axes(Graphics2D g) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(AREA);
        g.setFont(TICK);
        float ascent = TICK.getLineMetrics("0", METRICS).getAscent();
        for (double t : xAxis.ticks()) {
            double px = AREA.getX() + xAxis.fraction(t) * AREA.getWidth();
            g.draw(new Line2D.Double(px, AREA.getMaxY(), px, AREA.getMaxY() + 5));
            String s = xAxis.label(t);
            double w = TICK.getStringBounds(s, METRICS).getWidth();
            g.drawString(s, (float) (px - w / 2), (float) AREA.getMaxY() + 8 + ascent);
        }
        for (double t : xAxis.minorTicks()) {
            double px = AREA.getX() + xAxis.fraction(t) * AREA.getWidth();
            g.draw(new Line2D.Double(px, AREA.getMaxY(), px, AREA.getMaxY() + 3));
        }
        for (double t : yAxis.ticks()) {
            double py = AREA.getMaxY() - yAxis.fraction(t) * AREA.getHeight();
            g.draw(new Line2D.Double(AREA.getX() - 5, py, AREA.getX(), py));
            String s = yAxis.label(t);
            double w = TICK.getStringBounds(s, METRICS).getWidth();
            g.drawString(s, (float) (AREA.getX() - 8 - w), (float) py + ascent / 2);
        }
        for (double t : yAxis.minorTicks()) {
            double py = AREA.getMaxY() - yAxis.fraction(t) * AREA.getHeight();
            g.draw(new Line2D.Double(AREA.getX() - 3, py, AREA.getX(), py));
        }
        g.setColor(Color.BLACK);
        g.setFont(AXIS_TITLE);
        double xw = AXIS_TITLE.getStringBounds(xTitle, METRICS).getWidth();
        g.drawString(xTitle, (float) (AREA.getCenterX() - xw / 2), (float) AREA.getMaxY() + 45);
        double yw = AXIS_TITLE.getStringBounds(yTitle, METRICS).getWidth();
        var saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, (float) -(AREA.getCenterY() + yw / 2), 22f);
        g.setTransform(saved);
        g.setFont(TITLE);
        double tw = TITLE.getStringBounds(title, METRICS).getWidth();
        g.drawString(title, (float) Math.max(10, WIDTH / 2.0 - tw / 2), 30f);
    }

    private void legend(Graphics2D g) {
        g.setFont(LEGEND);
        float y = (float) AREA.getY() + 12;
        for (int i = 0; i < legend.size(); i++) {
            Color c = legendColors.get(i);
            double cy = y - 4;
            if (c != null) {
                g.setColor(c);
                if (c == INFEASIBLE) {
                    g.setStroke(new BasicStroke(1.3f));
                    g.draw(new Line2D.Double(LEGEND_X + 3, cy - 3, LEGEND_X + 9, cy + 3));
                    g.draw(new Line2D.Double(LEGEND_X + 3, cy + 3, LEGEND_X + 9, cy - 3));
                } else if (c == EVALUATED) {
                    g.fill(new Ellipse2D.Double(LEGEND_X + 3, cy - 3, 6, 6));
                } else {
                    g.setStroke(c == FRONT || c == BAR ? new BasicStroke(1.5f) : DASHED);
                    g.draw(new Line2D.Double(LEGEND_X, cy, LEGEND_X + 14, cy));
                    if (c == FRONT) {
                        g.fill(diamond(new Point2D.Double(LEGEND_X + 7, cy), 4));
                    }
                }
            }
            g.setColor(Color.BLACK);
            for (String line : wrap(legend.get(i), WIDTH - 8 - (LEGEND_X + 20))) {
                g.drawString(line, (float) LEGEND_X + 20, y);
                y += 14;
            }
            y += 4;
        }
    }

    /** {@code text} in lines of at most {@code width} pixels in the legend's font, broken between words. */
    private static List<String> wrap(String text, double width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String longer = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && LEGEND.getStringBounds(longer, METRICS).getWidth() > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(longer);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static Shape polyline(List<Point2D> points) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points.getFirst().getX(), points.getFirst().getY());
        for (Point2D p : points.subList(1, points.size())) {
            path.lineTo(p.getX(), p.getY());
        }
        return path;
    }

    private static Shape diamond(Point2D p, double r) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(p.getX(), p.getY() - r);
        d.lineTo(p.getX() + r, p.getY());
        d.lineTo(p.getX(), p.getY() + r);
        d.lineTo(p.getX() - r, p.getY());
        d.closePath();
        return d;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FrontPlot[%s, %d front points]", title, front.size());
    }
}
