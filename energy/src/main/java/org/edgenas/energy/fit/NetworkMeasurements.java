package org.edgenas.energy.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.io.CsvTable;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.SearchSpace;

/**
 * Reads network-level measurement CSVs: one network per row, named by an {@code arch_str} (or {@code arch}) column in
 * the notation of a search space, with a measured value column and an optional {@code split} column
 * ({@code calibration} or {@code validation}; rows without one are calibration rows).
 */
public final class NetworkMeasurements {

    private NetworkMeasurements() {
    }

    /**
     * The samples of {@code valueColumn}.
     *
     * @param batch    the batch size the measurements were taken at
     * @param minValue rows whose value is below this are skipped (degenerate measurements); 0 keeps all positive rows
     * @throws ConfigException naming the file, line and column of a missing column, bad architecture, bad split,
     *                         non-numeric or non-positive value
     */
    public static List<Sample> read(Path csv, SearchSpace space, String valueColumn, int batch, double minValue) {
        CsvTable t = CsvTable.read(csv);
        int arch = t.architectureColumn();
        int value = t.column(valueColumn, "measured value");
        int split = t.has("split") ? t.column("split", "calibration/validation split") : -1;
        List<Sample> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            double v = t.number(r, value);
            if (v <= 0 && minValue <= 0) {
                throw new ConfigException(csv + ":" + t.line(r) + ": column '" + valueColumn + "': " + v
                        + " is not positive; a measured cost must be > 0");
            }
            if (v < minValue || v <= 0) {
                continue;
            }
            boolean validation = false;
            if (split >= 0) {
                String s = t.text(r, split);
                if (!s.equals("calibration") && !s.equals("validation")) {
                    throw new ConfigException(csv + ":" + t.line(r) + ": column 'split': '" + s
                            + "' is not allowed; allowed values: calibration, validation");
                }
                validation = s.equals("validation");
            }
            try {
                out.add(Sample.of(space.parse(t.text(r, arch)), batch, v, validation));
            } catch (ArchitectureFormatException e) {
                throw new ConfigException(csv + ":" + t.line(r) + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(csv + ": no rows with '" + valueColumn + "' >= " + minValue);
        }
        return out;
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
