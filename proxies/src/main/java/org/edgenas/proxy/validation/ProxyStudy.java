package org.edgenas.proxy.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.edgenas.config.Parameters;
import org.edgenas.io.CsvFormat;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.EnsembleProxy;
import org.edgenas.proxy.ProxyContext;
import org.edgenas.space.SearchSpace;

/**
 * A proxy study ({@code ./nas proxy-eval}): how well accuracy proxies rank a fixed random {@link Sample} of a
 * benchmark's architectures by measured accuracy (Spearman, Kendall), each proxy's median time per architecture, the
 * mean rank of the proxies computed (or of an ensemble's members) within the sample, published reference scores of
 * the same architectures where given, and FLOPs as the baseline.
 *
 * <p>The proxies are made in one {@link ProxyContext}, so an ensemble evaluated after its members finds their scores
 * cached (its row then says so: its time is not its cost). Closing the study closes them.
 *
 * {@snippet :
 * try (ProxyStudy study = ProxyStudy.of(space, List.of("naswot", "ensemble"), Parameters.empty())) {
 *     ProxyStudy.Result r = study.run(sample, null, 2, ProxyRun.Progress.NONE);
 *     System.out.print(r.table());
 * }
 * }
 */
public final class ProxyStudy implements AutoCloseable {

    /** The column of architecture strings in NAS-Bench-201's tables ({@code accuracy.csv} and the references). */
    public static final String ARCH_COLUMN = "arch_str";

    /** Published scores compared with, by proxy: columns of NAS-Bench-201's {@code zero_cost_reference.csv}. */
    private static final Map<String, String> PUBLISHED = published();

    private final SearchSpace space;
    private final List<AccuracyProxy> proxies;

    private ProxyStudy(SearchSpace space, List<AccuracyProxy> proxies) {
        this.space = space;
        this.proxies = List.copyOf(proxies);
    }

    private static Map<String, String> published() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("naswot", "cifar10_naswot");
        m.put("logsynflow", "cifar10_logsynflow");
        return Collections.unmodifiableMap(m);
    }

    /**
     * A study of the proxies {@code names}, each configured by the settings it takes from {@code settings}; a setting
     * no proxy takes is an error.
     *
     * @throws org.edgenas.config.ConfigException for an unknown proxy, a wrong setting or one no proxy takes
     */
    public static ProxyStudy of(SearchSpace space, List<String> names, Parameters settings) {
        ProxyContext context = ProxyContext.of(space);
        List<AccuracyProxy> made = new ArrayList<>();
        for (String name : names) {
            made.add(context.create(name, settings));
        }
        settings.requireNoUnknownKeys();
        return new ProxyStudy(space, made);
    }

    /**
     * One row of the study.
     *
     * @param name          the proxy, or {@code mean rank}
     * @param source        where its scores come from
     * @param correlation   rank correlation of its scores with the sample's accuracy
     * @param medianSeconds median seconds per architecture, NaN where not computed here
     */
    public record Row(String name, String source, RankCorrelation correlation, double medianSeconds) {
    }

    /**
     * The study's outcome.
     *
     * @param sample  the architectures and their accuracy
     * @param rows    one row per proxy, then the mean rank, the published references and FLOPs
     * @param columns every architecture's scores (and seconds, as {@code NAME_s}), by column name, in sample order
     */
    public record Result(Sample sample, List<Row> rows, Map<String, double[]> columns) {

        public Result {
            rows = List.copyOf(rows);
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }

        /** The rows as a Markdown table: proxy, source, Spearman, Kendall, median seconds per architecture. */
        public String table() {
            StringBuilder sb = new StringBuilder("| proxy | source | Spearman ρ | Kendall τ | median s/arch |\n")
                    .append("|---|---|---|---|---|\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.name(), r.source(),
                        rank(r.correlation().spearman()), rank(r.correlation().kendall()),
                        Double.isNaN(r.medianSeconds()) ? "–"
                                : String.format(Locale.ROOT, "%.3f", r.medianSeconds())));
            }
            return sb.toString();
        }

        /** A rank correlation to three decimals, or why there is none (scores that do not vary rank nothing). */
        private static String rank(double rho) {
            return Double.isNaN(rho) ? "undefined (constant scores)" : String.format(Locale.ROOT, "%.3f", rho);
        }

        /** Every architecture's scores as CSV: {@code arch}, the accuracy column, then {@link #columns()}. */
        public String csv() {
            StringBuilder sb = new StringBuilder("arch,").append(CsvFormat.field(sample.column()));
            columns.keySet().forEach(k -> sb.append(',').append(CsvFormat.field(k)));
            sb.append('\n');
            for (int i = 0; i < sample.size(); i++) {
                sb.append(CsvFormat.field(sample.architectures().get(i).id())).append(',')
                        .append(CsvFormat.number(sample.accuracy()[i]));
                for (double[] v : columns.values()) {
                    sb.append(',').append(CsvFormat.number(v[i]));
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * Scores the sample with every proxy on {@code threads} threads and correlates.
     *
     * @param sample    architectures of the study's space with their accuracy
     * @param reference a table of published scores ({@link #ARCH_COLUMN} and {@code cifar10_naswot},
     *                  {@code cifar10_logsynflow}) covering the sample, or null
     * @throws org.edgenas.config.ConfigException if the reference table lacks a column or an architecture
     */
    public Result run(Sample sample, Path reference, int threads, ProxyRun.Progress progress) {
        List<Row> rows = new ArrayList<>();
        List<double[]> computed = new ArrayList<>();
        List<String> computedNames = new ArrayList<>();
        List<Object> computedKeys = new ArrayList<>();
        Map<String, double[]> columns = new LinkedHashMap<>();
        EnsembleProxy ensemble = null;
        for (AccuracyProxy p : proxies) {
            ProxyRun run = ProxyRun.of(p, sample, threads, progress);
            // a member with the score key of a proxy scored before shares its cached scores
            boolean cached = p instanceof EnsembleProxy e && e.members().stream()
                    .anyMatch(m -> computedKeys.contains(m.scoreKey()));
            rows.add(new Row(p.name(), "computed: " + p + (cached ? " (members' scores cached)" : ""),
                    RankCorrelation.of(run.scores(), sample.accuracy()), run.medianSeconds()));
            columns.put(p.name(), run.scores());
            columns.put(p.name() + "_s", run.seconds());
            if (p instanceof EnsembleProxy e) {
                ensemble = e;
            } else {
                computed.add(run.scores());
                computedNames.add(p.name());
                computedKeys.add(p.scoreKey());
            }
        }
        if (ensemble != null) {
            // the population-level combination the per-architecture ensemble stands in for (members are cached)
            List<double[]> members = new ArrayList<>();
            for (AccuracyProxy m : ensemble.members()) {
                members.add(ProxyRun.of(m, sample, threads, ProxyRun.Progress.NONE).scores());
            }
            rows.add(new Row("mean rank", "of " + ensemble.members().stream().map(AccuracyProxy::name)
                    .collect(Collectors.joining(", ")) + " within the sample",
                    RankCorrelation.of(RankCorrelation.meanRank(members), sample.accuracy()), Double.NaN));
        } else if (computed.size() >= 2) {
            rows.add(new Row("mean rank", "of " + String.join(", ", computedNames) + " within the sample",
                    RankCorrelation.of(RankCorrelation.meanRank(computed), sample.accuracy()), Double.NaN));
        }
        if (reference != null) {
            for (Map.Entry<String, String> published : PUBLISHED.entrySet()) {
                double[] v = sample.lookUp(reference, ARCH_COLUMN, published.getValue(), space);
                rows.add(new Row(published.getKey(), "published: " + reference.getFileName() + " "
                        + published.getValue(), RankCorrelation.of(v, sample.accuracy()), Double.NaN));
                columns.put("published_" + published.getKey(), v);
            }
        }
        double[] flops = new double[sample.size()];
        for (int i = 0; i < flops.length; i++) {
            flops[i] = sample.architectures().get(i).macs();
        }
        rows.add(new Row("flops", "counted: MACs per image", RankCorrelation.of(flops, sample.accuracy()),
                Double.NaN));
        columns.put("macs", flops);
        return new Result(sample, rows, columns);
    }

    /** Closes the proxies. */
    @Override
    public void close() {
        proxies.forEach(AccuracyProxy::close);
    }
}
