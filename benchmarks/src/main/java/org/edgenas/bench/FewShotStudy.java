package org.edgenas.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.edgenas.energy.Boards;
import org.edgenas.energy.fit.Calibration;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.Prior;
import org.edgenas.energy.profile.FitError;
import org.edgenas.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Claim: how many networks a user must measure to calibrate a board, with and without another board's profile as a
 * prior ({@code ./nas calibrate --max-rows N --seed S [--prior B]}).
 *
 * <p>For every measured column of the reference data ({@code ../shared/data}), calibrated as
 * {@code energy/boards/regenerate.sh} calibrates its built-in profile, it fits on N calibration rows drawn with seeds
 * 1..S, for N in {@code --sizes} and all rows, without a prior and with the prior of another board or runtime (never a
 * profile fitted on the same column), and scores each fit on held-out rows: the rows marked validation, or, for the
 * H200 networks (which have none), the calibration rows the draw left out, and 5-fold cross-validation by
 * architecture when all rows are drawn. It writes {@code fewshot.csv} (every fit), {@code fewshot.md} (medians over
 * seeds) and {@code fewshot.png} (learning curves) to {@code --out}, and checks issue 14's targets at N = 20.
 *
 * <p>Run from the project root: {@code ./nas bench org.edgenas.bench.FewShotStudy [--data ../shared/data] [--sizes 5,10,20,50,100,200] [--seeds 5]
 * [--cases tx2,nano32,...] [--out results/energy]}
 */
public final class FewShotStudy {

    /** Rows a fit may draw; Integer.MAX_VALUE is "all". */
    private static final int ALL = Integer.MAX_VALUE;

    private FewShotStudy() {
    }

    /**
     * One measured column and its prior.
     *
     * @param column the column
     * @param prior  the built-in board whose profile is the prior (another board or runtime)
     * @param scored the held-out errors to report: target and the label of their rows, e.g. {@code energy_mj
     *               validation}
     */
    record Case(ReferenceColumns column, String prior, List<String> scored) {
        String key() {
            return column.key();
        }

        String label() {
            return column.label();
        }
    }

    /** One scored fit. */
    record Score(double mapePct, double spearman) {
    }

    static List<Case> cases() {
        return List.of(new Case(ReferenceColumns.TX2, "jetson-nano", List.of("latency_ms validation")),
                new Case(ReferenceColumns.NANO32, "jetson-tx2", List.of("latency_ms validation")),
                new Case(ReferenceColumns.NANO16, "jetson-tx2", List.of("latency_ms validation")),
                new Case(ReferenceColumns.PI5_ONNX, "raspberry-pi-5-litert", List.of("energy_mj validation")),
                new Case(ReferenceColumns.PI5_LITERT, "raspberry-pi-5", List.of("energy_mj validation")),
                new Case(ReferenceColumns.PI5_TORCHMOBILE, "raspberry-pi-5", List.of("energy_mj validation")),
                new Case(ReferenceColumns.H200, "jetson-tx2", List.of("latency_ms networks b1",
                        "latency_ms networks b256")));
    }

    public static void main(String[] args) {
        Map<String, String> opt = Options.parse(args, Map.of("--data", "../shared/data", "--sizes",
                "5,10,20,50,100,200", "--seeds", "5", "--cases", "", "--out", "results/energy"));
        Path data = Path.of(opt.get("--data"));
        int seeds = Integer.parseInt(opt.get("--seeds"));
        List<Integer> sizes = new ArrayList<>(Arrays.stream(opt.get("--sizes").split(",")).map(Integer::valueOf)
                .toList());
        sizes.add(ALL);
        List<String> only = opt.get("--cases").isEmpty() ? List.of() : List.of(opt.get("--cases").split(","));
        long start = System.nanoTime();
        StringBuilder csv = new StringBuilder("case,prior,rows_drawn,seed,scored,n,mape_pct,spearman\n");
        Map<String, List<Score>> all = new LinkedHashMap<>();
        List<Case> run = cases().stream().filter(c -> only.isEmpty() || only.contains(c.key())).toList();
        for (Case c : run) {
            Prior prior = Prior.of(Boards.load(c.prior()));
            List<Measurement> rows = c.column().rows(data);
            long available = rows.stream().filter(m -> !m.validation()).count();
            for (String p : List.of("none", c.prior())) {
                for (int n : sizes) {
                    if (n != ALL && n >= available) {
                        continue; // as many rows as there are: the "all" column
                    }
                    for (int seed = 1; seed <= (n == ALL ? 1 : seeds); seed++) {
                        Calibration.Builder b = c.column().calibration(data, rows).seed(seed).crossValidate(
                                n == ALL && c.column() == ReferenceColumns.H200);
                        if (n != ALL) {
                            b.sample(n, seed);
                        }
                        if (!p.equals("none")) {
                            b.prior(prior);
                        }
                        List<FitError> errors = b.fit().profile().errors();
                        for (String scored : c.scored()) {
                            FitError e = find(errors, scored, n == ALL);
                            String size = n == ALL ? "all" : Integer.toString(n);
                            csv.append(String.join(",", c.key(), p, size, Integer.toString(seed),
                                    scored.replace(' ', '_'), Integer.toString(e.n()),
                                    String.format(Locale.ROOT, "%.4f", e.mapePct()),
                                    String.format(Locale.ROOT, "%.5f", e.spearman()))).append('\n');
                            all.computeIfAbsent(key(c.key(), scored, p, size), k -> new ArrayList<>())
                                    .add(new Score(e.mapePct(), e.spearman()));
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-12s prior %-22s N=%-4s done (%.0f s)%n", c.key(), p,
                            n == ALL ? "all" : n, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path out = Path.of(opt.get("--out"));
        AtomicFiles.write(out.resolve("fewshot.csv"), csv.toString());
        String md = markdown(run, sizes, all, seeds, seconds, String.join(" ", args));
        AtomicFiles.write(out.resolve("fewshot.md"), md);
        AtomicFiles.write(out.resolve("fewshot.png"), plot(run, sizes, all));
        System.out.print(md);
    }

    /**
     * The error labelled {@code scored} ({@code TARGET ROWS}): at a draw of all rows, the cross-validated error where
     * the rows are the draw's left-out ones.
     */
    private static FitError find(List<FitError> errors, String scored, boolean allRows) {
        String target = scored.substring(0, scored.indexOf(' '));
        String rows = scored.substring(scored.indexOf(' ') + 1);
        for (FitError e : errors) {
            if (e.target().equals(target) && (e.rows().equals(rows) || e.rows().equals(rows + " undrawn")
                    || allRows && e.rows().equals(rows + " 5-fold-cv"))) {
                return e;
            }
        }
        throw new IllegalStateException("no error " + scored + " among " + errors.stream().map(e -> e.target() + " "
                + e.rows()).toList());
    }

    private static String key(String c, String scored, String prior, String size) {
        return c + "|" + scored + "|" + prior + "|" + size;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String markdown(List<Case> run, List<Integer> sizes, Map<String, List<Score>> all, int seeds,
                                   double seconds, String args) {
        StringBuilder md = new StringBuilder();
        md.append("Median over seeds 1-").append(seeds).append(" of held-out MAPE / Spearman, by rows drawn (N). ")
                .append("Command: `./nas bench org.edgenas.bench.FewShotStudy").append(args.isEmpty() ? "" : " " + args)
                .append("`; ").append(String.format(Locale.ROOT, "%.0f s", seconds)).append(".\n\n");
        md.append("| column | held out | prior |");
        for (int n : sizes) {
            md.append(' ').append(n == ALL ? "all" : "N = " + n).append(" |");
        }
        md.append("\n|---|---|---|").append("---|".repeat(sizes.size())).append('\n');
        for (Case c : run) {
            for (String scored : c.scored()) {
                for (String p : List.of("none", c.prior())) {
                    md.append("| ").append(c.label()).append(" | ").append(scored).append(" | ").append(p)
                            .append(" |");
                    for (int n : sizes) {
                        List<Score> s = all.get(key(c.key(), scored, p, n == ALL ? "all" : Integer.toString(n)));
                        md.append(s == null ? " – |" : String.format(Locale.ROOT, " %.2f %% / %.3f |",
                                median(s.stream().map(Score::mapePct).toList()),
                                median(s.stream().map(Score::spearman).toList())));
                    }
                    md.append('\n');
                }
            }
        }
        md.append('\n').append(targets(all));
        return md.toString();
    }

    /** Issue 14's targets at N = 20 with a prior, median of the seeds. */
    private static String targets(Map<String, List<Score>> all) {
        StringBuilder t = new StringBuilder("Targets (N = 20, with the prior, median of seeds):\n\n");
        target(t, all, "tx2|latency_ms validation|jetson-nano|20", "TX2 latency, prior jetson-nano", 0.90, 6.0);
        target(t, all, "pi5-litert|energy_mj validation|raspberry-pi-5|20", "Pi 5 LiteRT energy, prior "
                + "raspberry-pi-5", 0.93, Double.NaN);
        target(t, all, "nano16|latency_ms validation|jetson-tx2|20", "Nano FP16 latency, prior jetson-tx2", 0.95,
                Double.NaN);
        return t.toString();
    }

    private static void target(StringBuilder t, Map<String, List<Score>> all, String key, String what,
                               double spearman, double mape) {
        List<Score> s = all.get(key);
        if (s == null) {
            return;
        }
        double rho = median(s.stream().map(Score::spearman).toList());
        double err = median(s.stream().map(Score::mapePct).toList());
        boolean met = rho >= spearman && (Double.isNaN(mape) || err <= mape);
        t.append(String.format(Locale.ROOT, "- %s: Spearman %.3f (target >= %.2f)%s: %s%n", what, rho, spearman,
                Double.isNaN(mape) ? "" : String.format(Locale.ROOT, ", MAPE %.2f %% (target <= %.0f %%)", err, mape),
                met ? "met" : "NOT met"));
    }

    /** Learning curves: median Spearman (left) and MAPE (right) against rows drawn, with and without the prior. */
    private static byte[] plot(List<Case> run, List<Integer> sizes, Map<String, List<Score>> all) {
        System.setProperty("java.awt.headless", "true");
        int largest = sizes.stream().filter(n -> n != ALL).max(Integer::compare).orElse(200);
        XYChart rho = chart("Spearman on held-out rows (median of seeds)", "Spearman");
        XYChart mape = chart("MAPE on held-out rows (median of seeds)", "MAPE (%)");
        mape.getStyler().setYAxisLogarithmic(true);
        Color[] colours = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
                new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
                new Color(127, 127, 127)};
        int k = 0;
        for (Case c : run) {
            for (String scored : c.scored()) {
                Color colour = colours[k++ % colours.length];
                for (String p : List.of("none", c.prior())) {
                    List<Double> x = new ArrayList<>();
                    List<Double> r = new ArrayList<>();
                    List<Double> m = new ArrayList<>();
                    for (int n : sizes) {
                        List<Score> s = all.get(key(c.key(), scored, p, n == ALL ? "all" : Integer.toString(n)));
                        if (s != null) {
                            x.add(n == ALL ? 2.5 * largest : n);
                            r.add(median(s.stream().map(Score::spearman).toList()));
                            m.add(median(s.stream().map(Score::mapePct).toList()));
                        }
                    }
                    String name = c.label() + (c.scored().size() > 1 ? " " + scored.substring(scored.lastIndexOf(' ')
                            + 1) : "") + (p.equals("none") ? "" : ", prior " + p);
                    series(rho.addSeries(name, x, r), colour, p.equals("none"));
                    series(mape.addSeries(name, x, m), colour, p.equals("none"));
                }
            }
        }
        BufferedImage left = BitmapEncoder.getBufferedImage(rho);
        BufferedImage right = BitmapEncoder.getBufferedImage(mape);
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), left.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(both, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(String title, String y) {
        XYChart chart = new XYChartBuilder().width(900).height(700).title(title)
                .xAxisTitle("networks measured, N (rightmost: all calibration rows)").yAxisTitle(y).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(10f));
        return chart;
    }

    private static void series(XYSeries s, Color colour, boolean withoutPrior) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setMarker(withoutPrior ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        s.setLineStyle(withoutPrior ? new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f) : new java.awt.BasicStroke(2f));
    }
}
