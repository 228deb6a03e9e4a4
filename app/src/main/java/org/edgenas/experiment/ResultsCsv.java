package org.edgenas.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.io.CsvTable;
import org.edgenas.search.Evaluation;

/**
 * Reads a run's result rows ({@code front.csv}, {@code evaluated.csv}) back into evaluations: columns
 * {@code arch,accuracy,energy_mj,latency_ms,macs,params} and, where present, {@code violation}; values as the run wrote
 * them (a number, {@code inf}, {@code -inf}, or empty for not modelled). The files do not record the generation, so
 * every row gets generation 0.
 */
public final class ResultsCsv {

    private ResultsCsv() {
    }

    /**
     * The rows of {@code file}, in file order.
     *
     * @throws org.edgenas.config.ConfigException naming the file, line and column of a missing column or bad value
     */
    public static List<Evaluation> read(Path file) {
        CsvTable t = CsvTable.read(file);
        int arch = t.column("arch", "architecture");
        int acc = t.column("accuracy", "accuracy objective");
        int energy = t.column("energy_mj", "energy objective");
        int latency = t.column("latency_ms", "latency objective");
        int macs = t.column("macs", "MACs");
        int params = t.column("params", "parameters");
        int violation = t.has("violation") ? t.column("violation", "constraint violation") : -1;
        List<Evaluation> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            out.add(new Evaluation(t.text(r, arch), value(t, r, acc), value(t, r, energy), value(t, r, latency),
                    (long) t.number(r, macs), (long) t.number(r, params), violation < 0 ? 0 : value(t, r, violation),
                    0));
        }
        return out;
    }

    /** A value as a run writes it: a number, {@code inf}, {@code -inf}, or empty (NaN). */
    private static double value(CsvTable t, int r, int col) {
        return switch (t.text(r, col)) {
            case "" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> t.number(r, col);
        };
    }
}
