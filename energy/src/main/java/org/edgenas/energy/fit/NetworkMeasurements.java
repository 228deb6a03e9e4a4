package org.edgenas.energy.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.io.CsvTable;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.SearchSpace;

/**
 * Reads network-level measurement CSVs: one network per row, named by an {@code arch_str} (or {@code arch}) column in
 * the notation of a search space, with measured latency and/or energy columns, an optional {@code batch} column and an
 * optional {@code split} column ({@code calibration} or {@code validation}; rows without one are calibration rows).
 */
public final class NetworkMeasurements {

    private NetworkMeasurements() {
    }

    /** Whether a file's energy column holds energy per forward pass of the batch or per image. */
    public enum EnergyPer {
        /** mJ per forward pass of the whole batch (what the on-board profiler writes). */
        BATCH,
        /** mJ per image (e.g. ../shared/data/h200/nb201_networks.csv). */
        IMAGE
    }

    /**
     * Which columns to read.
     *
     * @param latency      latency column (ms per batch), or null
     * @param energy       total energy column, or null
     * @param energyPer    the unit of the energy columns
     * @param defaultBatch batch size of rows when the file has no {@code batch} column (null: 1); where it has one,
     *                     every row's must equal it
     * @param minValue     a latency or energy below this is skipped for that target (degenerate measurements); 0
     *                     keeps all positive values and rejects the others
     */
    public record Columns(String latency, String energy, EnergyPer energyPer, Integer defaultBatch,
                          double minValue) {

        public Columns {
            if (latency == null && energy == null) {
                throw new IllegalArgumentException("read at least a latency or an energy column");
            }
            energyPer = energyPer == null ? EnergyPer.BATCH : energyPer;
        }
    }

    /**
     * The measurements of {@code csv}. The batch size of a row comes from its {@code batch} column where the file has
     * one (which must then agree with {@code columns.defaultBatch()}, if given), else from
     * {@code columns.defaultBatch()} (default 1).
     *
     * @throws ConfigException naming the file, line and column of a missing column, bad architecture, bad split,
     *                         non-numeric or non-positive value
     */
    public static List<Measurement> read(Path csv, SearchSpace space, Columns columns) {
        CsvTable t = CsvTable.read(csv);
        int arch = t.architectureColumn();
        int lat = columns.latency() == null ? -1 : t.column(columns.latency(), "measured latency");
        int energy = columns.energy() == null ? -1 : t.column(columns.energy(), "measured energy");
        int split = t.has("split") ? t.column("split", "calibration/validation split") : -1;
        int batchColumn = t.has("batch") ? t.column("batch", "batch size") : -1;
        List<Measurement> out = new ArrayList<>(t.size());
        boolean any = false;
        for (int r = 0; r < t.size(); r++) {
            int batch = batchColumn >= 0 ? positiveInt(t, r, batchColumn)
                    : columns.defaultBatch() == null ? 1 : columns.defaultBatch();
            if (batchColumn >= 0 && columns.defaultBatch() != null && batch != columns.defaultBatch()) {
                throw new ConfigException(csv + ":" + t.line(r) + ": column 'batch': " + batch + ", but the whole file "
                        + "was said to be at batch " + columns.defaultBatch() + "; leave the batch size out to take "
                        + "each row's from this column");
            }
            double scale = columns.energyPer() == EnergyPer.IMAGE ? batch : 1;
            double latency = lat < 0 ? Double.NaN : measured(t, r, lat, columns.minValue(), 1);
            double total = energy < 0 ? Double.NaN : measured(t, r, energy, columns.minValue(), scale);
            if (Double.isNaN(latency) && Double.isNaN(total)) {
                continue;
            }
            any = true;
            boolean validation = false;
            if (split >= 0) {
                String s = t.text(r, split);
                if (!s.equals("calibration") && !s.equals("validation")) {
                    throw new ConfigException(csv + ":" + t.line(r) + ": column 'split': '" + s
                            + "' is not allowed; allowed values: calibration, validation");
                }
                validation = s.equals("validation");
            }
            Architecture a;
            try {
                a = space.parse(t.text(r, arch));
            } catch (ArchitectureFormatException e) {
                throw new ConfigException(csv + ":" + t.line(r) + ": " + e.getMessage(), e);
            }
            out.add(new Measurement(a, batch, latency, total, validation, a.id(), Measurement.Source.NETWORK));
        }
        if (!any) {
            throw new ConfigException(csv + ": no rows with a measured value >= " + columns.minValue());
        }
        return out;
    }

    /** A measured value x scale; NaN when below {@code minValue} (> 0); an error when not positive otherwise. */
    private static double measured(CsvTable t, int r, int col, double minValue, double scale) {
        double v = t.number(r, col);
        if (v <= 0 && minValue <= 0) {
            throw new ConfigException(t.file() + ":" + t.line(r) + ": column '" + t.columns().get(col) + "': " + v
                    + " is not positive; a measured cost must be > 0");
        }
        return v < minValue || v <= 0 ? Double.NaN : v * scale;
    }

    private static int positiveInt(CsvTable t, int r, int col) {
        double v = t.number(r, col);
        if (v < 1 || v != Math.rint(v) || v > 1 << 20) {
            throw new ConfigException(t.file() + ":" + t.line(r) + ": column '" + t.columns().get(col) + "': " + v
                    + " is not a batch size (a positive integer)");
        }
        return (int) v;
    }

    /**
     * Mean board power in W from paired (latency ms, energy mJ) measurements: sum of energy / sum of latency
     * (mJ / ms = W). The file needs exactly one column ending in {@code latency_ms} and one ending in
     * {@code energy_mj}; if it has a {@code space} column, only rows of {@code spaceName} are used.
     *
     * @return power in W, and the number of rows used
     */
    public static double[] meanPowerW(Path csv, String spaceName) {
        CsvTable t = CsvTable.read(csv);
        int lat = onlyColumnEndingWith(t, "latency_ms");
        int energy = onlyColumnEndingWith(t, "energy_mj");
        int space = t.has("space") ? t.column("space", "search space") : -1;
        double sumE = 0;
        double sumT = 0;
        int n = 0;
        for (int r = 0; r < t.size(); r++) {
            if (space >= 0 && !t.text(r, space).equals(spaceName)) {
                continue;
            }
            double ms = t.number(r, lat);
            double mj = t.number(r, energy);
            if (ms <= 0 || mj <= 0) {
                throw new ConfigException(csv + ":" + t.line(r) + ": latency and energy must be positive, got "
                        + ms + " ms and " + mj + " mJ");
            }
            sumE += mj;
            sumT += ms;
            n++;
        }
        if (n == 0) {
            throw new ConfigException(csv + ": no rows for space '" + spaceName + "'");
        }
        return new double[] {sumE / sumT, n};
    }

    private static int onlyColumnEndingWith(CsvTable t, String suffix) {
        int found = -1;
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).endsWith(suffix)) {
                if (found >= 0) {
                    throw new ConfigException(t.file() + ": two columns end in '" + suffix + "' ("
                            + t.columns().get(found) + ", " + t.columns().get(i) + "); keep one");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new ConfigException(t.file() + ": needs a column ending in '" + suffix + "'; columns present: "
                    + String.join(", ", t.columns()));
        }
        return found;
    }
}
