package org.edgenas.energy.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.io.CsvTable;

/**
 * Reads single-layer sweeps in the profiler's schema and turns each row into a one-layer network.
 * <ul>
 *   <li>conv: {@code batch,in_hw,in_ch,kernel,kernels,stride,macs,...} — a Conv2d with "same" padding (kernel / 2) and
 *       bias on a square input;</li>
 *   <li>fc: {@code batch,in_features,out_features,macs,...} — a Linear layer with bias.</li>
 * </ul>
 * The {@code macs} column (over the batch) must equal this project's count, which checks that both describe the same
 * layer. Measured columns: {@code latency_ms}, {@code energy_total_mj_per_inf}, {@code energy_dynamic_mj_per_inf}, all
 * per forward pass of the batch.
 */
public final class LayerMeasurements {

    /**
     * One measured layer.
     *
     * @param architecture   the layer as a one-layer network
     * @param batch          images per forward pass
     * @param kernels        output channels (conv) or output features (fc)
     * @param latencyMs      latency of one forward pass, ms
     * @param energyTotalMj  total energy of one forward pass, mJ
     * @param energyDynamicMj energy above idle of one forward pass, mJ (may be slightly negative: noise)
     */
    public record Row(Architecture architecture, int batch, int kernels, double latencyMs, double energyTotalMj,
                      double energyDynamicMj) {
    }

    private LayerMeasurements() {
    }

    /** Reads a conv sweep. */
    public static List<Row> conv(Path csv) {
        CsvTable t = CsvTable.read(csv);
        int[] c = columns(t, "batch", "in_hw", "in_ch", "kernel", "kernels", "stride", "macs", "latency_ms",
                "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf");
        List<Row> rows = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            int batch = positive(t, r, c[0]);
            int hw = positive(t, r, c[1]);
            int in = positive(t, r, c[2]);
            int k = positive(t, r, c[3]);
            int kernels = positive(t, r, c[4]);
            int stride = positive(t, r, c[5]);
            String id = "conv(in " + in + "x" + hw + "x" + hw + ", k" + k + ", n" + kernels + ", s" + stride + ")";
            GraphBuilder b = GraphBuilder.on(Shape.of(in, hw, hw));
            try {
                b.add("conv", new Conv2d(in, kernels, k, stride, k / 2, 1, true), Architecture.INPUT);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(csv + ":" + t.line(r) + ": " + e.getMessage(), e);
            }
            rows.add(row(t, r, c[6], c[7], c[8], c[9], b.build(id), batch, kernels));
        }
        return rows;
    }

    /** Reads a fully connected sweep. */
    public static List<Row> fc(Path csv) {
        CsvTable t = CsvTable.read(csv);
        int[] c = columns(t, "batch", "in_features", "out_features", "macs", "latency_ms", "energy_total_mj_per_inf",
                "energy_dynamic_mj_per_inf");
        List<Row> rows = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            int batch = positive(t, r, c[0]);
            int in = positive(t, r, c[1]);
            int out = positive(t, r, c[2]);
            GraphBuilder b = GraphBuilder.on(Shape.vector(in));
            b.add("fc", Linear.of(in, out), Architecture.INPUT);
            rows.add(row(t, r, c[3], c[4], c[5], c[6], b.build("fc(" + in + "->" + out + ")"), batch, out));
        }
        return rows;
    }

    private static Row row(CsvTable t, int r, int macsCol, int latencyCol, int totalCol, int dynamicCol,
                           Architecture a, int batch, int kernels) {
        double macs = t.number(r, macsCol);
        if (macs != (double) a.macs() * batch) {
            throw new ConfigException(t.file() + ":" + t.line(r) + ": column 'macs' is " + (long) macs + " but " + a.id()
                    + " at batch " + batch + " has " + a.macs() * batch + " MACs; is the layer described differently?");
        }
        double latency = t.number(r, latencyCol);
        double total = t.number(r, totalCol);
        if (latency <= 0 || total <= 0) {
            throw new ConfigException(t.file() + ":" + t.line(r) + ": latency_ms and energy_total_mj_per_inf must be "
                    + "positive, got " + latency + " and " + total);
        }
        return new Row(a, batch, kernels, latency, total, t.number(r, dynamicCol));
    }

    private static int[] columns(CsvTable t, String... names) {
        int[] c = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = t.column(names[i], "layer sweep");
        }
        return c;
    }

    private static int positive(CsvTable t, int r, int col) {
        double v = t.number(r, col);
        if (v < 1 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new ConfigException(t.file() + ":" + t.line(r) + ": column '" + t.columns().get(col) + "': " + v
                    + " is not a positive integer");
        }
        return (int) v;
    }
}
