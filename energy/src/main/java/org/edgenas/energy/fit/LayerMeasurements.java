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
 * layer. Measured columns: {@code latency_ms} and {@code energy_total_mj_per_inf}, both per forward pass of the batch
 * (the energy above idle is recomputed from them and the idle power). Every row is a calibration row of its own
 * cross-validation group.
 */
public final class LayerMeasurements {

    private LayerMeasurements() {
    }

    /** Reads a conv sweep. */
    public static List<Measurement> conv(Path csv) {
        CsvTable t = CsvTable.read(csv);
        int[] c = columns(t, "batch", "in_hw", "in_ch", "kernel", "kernels", "stride", "macs", "latency_ms",
                "energy_total_mj_per_inf");
        List<Measurement> rows = new ArrayList<>(t.size());
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
            rows.add(row(t, r, c[6], c[7], c[8], b.build(id), batch, Measurement.Source.CONV));
        }
        return rows;
    }

    /** Reads a fully connected sweep. */
    public static List<Measurement> fc(Path csv) {
        CsvTable t = CsvTable.read(csv);
        int[] c = columns(t, "batch", "in_features", "out_features", "macs", "latency_ms", "energy_total_mj_per_inf");
        List<Measurement> rows = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            int batch = positive(t, r, c[0]);
            int in = positive(t, r, c[1]);
            int out = positive(t, r, c[2]);
            GraphBuilder b = GraphBuilder.on(Shape.vector(in));
            b.add("fc", Linear.of(in, out), Architecture.INPUT);
            rows.add(row(t, r, c[3], c[4], c[5], b.build("fc(" + in + "->" + out + ")"), batch,
                    Measurement.Source.FC));
        }
        return rows;
    }

    /**
     * The idle power of a sweep's {@code meta.json}, W: the mean of its {@code idle_w_start} and {@code idle_w_end}.
     *
     * @throws ConfigException naming the file if it is unreadable or lacks those numbers
     */
    public static double idlePowerW(Path meta) {
        var m = org.edgenas.energy.profile.BoardProfiles.parse(org.edgenas.io.TextFiles.read(meta,
                "profiler metadata (JSON)"), meta.toString());
        if (!(m.get("idle_w_start") instanceof Number a) || !(m.get("idle_w_end") instanceof Number b)
                || !(a.doubleValue() > 0) || !(b.doubleValue() > 0)) {
            throw new ConfigException(meta + ": needs positive numeric fields idle_w_start and idle_w_end");
        }
        return (a.doubleValue() + b.doubleValue()) / 2;
    }

    private static Measurement row(CsvTable t, int r, int macsCol, int latencyCol, int totalCol, Architecture a,
                                   int batch, Measurement.Source source) {
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
        return new Measurement(a, batch, latency, total, false,
                source.label() + " " + t.file().getFileName() + ":" + t.line(r), source);
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
