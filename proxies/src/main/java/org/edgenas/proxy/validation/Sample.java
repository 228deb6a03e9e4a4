package org.edgenas.proxy.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.io.CsvTable;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.SearchSpace;

/**
 * A fixed random sample of architectures with their measured accuracy, read from a benchmark table (e.g. NAS-Bench-201's
 * {@code accuracy.csv}): the rows are shuffled with {@code new Random(seed)} and the first {@code size} kept, so the
 * same table, size and seed always give the same sample, in the same order.
 *
 * @param file          the table read
 * @param column        the accuracy column
 * @param architectures the sampled architectures, parsed by the search space
 * @param accuracy      their accuracy, in the table's unit
 */
public record Sample(Path file, String column, List<Architecture> architectures, double[] accuracy) {

    /** Number of architectures. */
    public int size() {
        return architectures.size();
    }

    /**
     * Draws the sample.
     *
     * @param archColumn the column of architecture strings ({@code arch_str})
     * @throws ConfigException if the file or a column is missing, a value is not a number, an architecture string does
     *                         not parse, or {@code size} exceeds the rows
     */
    public static Sample draw(Path file, String archColumn, String column, SearchSpace space, int size, long seed) {
        CsvTable t = CsvTable.read(file);
        int a = t.column(archColumn, "architecture strings");
        int v = t.column(column, "accuracy to correlate with");
        if (size < 2 || size > t.size()) {
            throw new ConfigException("--sample: expected 2.." + t.size() + " (the rows of " + file + "), got "
                    + size);
        }
        List<Integer> rows = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            rows.add(r);
        }
        Collections.shuffle(rows, new Random(seed));
        List<Architecture> archs = new ArrayList<>(size);
        double[] acc = new double[size];
        for (int i = 0; i < size; i++) {
            int r = rows.get(i);
            archs.add(parse(space, file, t, r, a));
            acc[i] = t.number(r, v);
        }
        return new Sample(file, column, List.copyOf(archs), acc);
    }

    /**
     * Values of {@code column} in {@code file} for every architecture of this sample, matched by canonical string.
     *
     * @throws ConfigException if the file or column is missing or an architecture of the sample has no row
     */
    public double[] lookUp(Path file, String archColumn, String column, SearchSpace space) {
        CsvTable t = CsvTable.read(file);
        int a = t.column(archColumn, "architecture strings");
        int v = t.column(column, "reference scores");
        Map<String, Double> byId = new HashMap<>(t.size() * 2);
        for (int r = 0; r < t.size(); r++) {
            byId.put(parse(space, file, t, r, a).id(), t.number(r, v));
        }
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            Double x = byId.get(architectures.get(i).id());
            if (x == null) {
                throw new ConfigException(file + ": no row for architecture '" + architectures.get(i).id() + "'");
            }
            out[i] = x;
        }
        return out;
    }

    private static Architecture parse(SearchSpace space, Path file, CsvTable t, int row, int column) {
        try {
            return space.parse(t.text(row, column));
        } catch (ArchitectureFormatException e) {
            throw new ConfigException(file + ":" + t.line(row) + ": " + e.getMessage(), e);
        }
    }
}
