package org.edgenas.proxy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.io.CsvTable;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.SearchSpace;

/**
 * {@code table}: looks the score up in a CSV (e.g. NAS-Bench-201's measured test accuracy). Not a proxy in the
 * training-free sense: it is how a search is run against known ground truth. Settings: {@code file} (required),
 * {@code column} (required, the value), {@code arch_column} (default {@code arch_str}, else {@code arch}).
 * Architecture strings in the table are normalised through the search space, so any accepted spelling matches.
 * An architecture missing from the table is an error, never a silent zero.
 */
public final class TableProxy implements AccuracyProxy {

    private final Path file;
    private final String column;
    private final Map<String, Double> scores;

    private TableProxy(Path file, String column, Map<String, Double> scores) {
        this.file = file;
        this.column = column;
        this.scores = scores;
    }

    /** Reads {@code column} of {@code file}, keyed by the canonical string of each row's architecture. */
    public static TableProxy read(Path file, String column, String archColumn, SearchSpace space) {
        CsvTable t = CsvTable.read(file);
        int a = archColumn != null ? t.column(archColumn, "architecture") : t.architectureColumn();
        int v = t.column(column, "score");
        Map<String, Double> scores = new HashMap<>(t.size() * 2);
        Map<String, Integer> lineOf = new HashMap<>(t.size() * 2);
        for (int r = 0; r < t.size(); r++) {
            String id;
            try {
                id = space.parse(t.text(r, a)).id();
            } catch (ArchitectureFormatException e) {
                throw new ConfigException(file + ":" + t.line(r) + ": " + e.getMessage(), e);
            }
            Integer before = lineOf.putIfAbsent(id, t.line(r));
            if (before != null) {
                throw new ConfigException(file + ":" + t.line(r) + ": architecture " + id + " listed again (first on "
                        + "line " + before + "); a table gives each architecture one score");
            }
            scores.put(id, t.number(r, v));
        }
        return new TableProxy(file, column, Map.copyOf(scores));
    }

    @Override
    public String name() {
        return "table";
    }

    @Override
    public double score(Architecture architecture) {
        Double s = scores.get(architecture.id());
        if (s == null) {
            throw new ConfigException(file + ": no row for architecture '" + architecture.id() + "' (the table has "
                    + scores.size() + " architectures); the table proxy needs every architecture the search visits");
        }
        return s;
    }

    /** Number of architectures in the table. */
    public int size() {
        return scores.size();
    }

    @Override
    public String toString() {
        return "table(" + file + ", " + column + ")";
    }

    /** Provider of {@code table}. */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "table";
        }

        @Override
        public String description() {
            return "looks scores up in a CSV file (settings: file, column, arch_column)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            Path file = p.file("file", "the CSV file to look scores up in");
            String column = p.requiredString("column", "the CSV column holding the score, e.g. cifar10_test_acc");
            String archColumn = p.string("arch_column", null);
            return read(file, column, archColumn, context.space());
        }
    }
}
