package org.edgenas.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.edgenas.config.ConfigException;

/**
 * An immutable CSV file with a header row, read whole, whose accessors report bad data by file, line and column.
 * Used for every measurement and reference table the project reads (energy, latency, accuracy).
 */
public final class CsvTable {

    private final Path file;
    private final List<String> columns;
    private final List<String[]> rows;
    /** The 1-based line of each data row in the file (blank lines are skipped, so rows and lines may differ). */
    private final int[] lines;

    private CsvTable(Path file, List<String> columns, List<String[]> rows, int[] lines) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
        this.lines = lines;
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException if the file is missing, unreadable, empty, has no data rows, or a row has a different
     *                         number of fields than the header
     */
    public static CsvTable read(Path file) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> all = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        String text = TextFiles.read(file, "CSV file");
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.getParser().currentLocation().getLineNr();
                String[] row = it.nextValue();
                if (!(row.length == 0 || row.length == 1 && row[0].isBlank())) {
                    all.add(row);
                    lineOf.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new ConfigException(file + ": not a readable CSV file: " + why, e);
        }
        if (all.isEmpty()) {
            throw new ConfigException(file + ": empty file; expected a header row and data rows");
        }
        List<String> header = Arrays.stream(all.getFirst()).map(String::strip).toList();
        for (int i = 0; i < header.size(); i++) {
            if (header.indexOf(header.get(i)) != i) {
                throw new ConfigException(file + ":1: column '" + header.get(i) + "' appears twice in the header; "
                        + "which one is meant is ambiguous");
            }
        }
        List<String[]> rows = all.subList(1, all.size());
        if (rows.isEmpty()) {
            throw new ConfigException(file + ": has a header (" + String.join(",", header) + ") but no data rows");
        }
        int[] lines = lineOf.subList(1, lineOf.size()).stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != header.size()) {
                throw new ConfigException(file + ":" + lines[i] + ": has " + rows.get(i).length + " fields, the "
                        + "header has " + header.size());
            }
        }
        return new CsvTable(file, header, List.copyOf(rows), lines);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Column names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** Number of data rows (the header excluded). */
    public int size() {
        return rows.size();
    }

    /** Whether the table has a column called {@code name}. */
    public boolean has(String name) {
        return columns.contains(name);
    }

    /**
     * The index of column {@code name}.
     *
     * @param purpose what the column is needed for, quoted in the error
     * @throws ConfigException naming the file, the column and the columns that exist
     */
    public int column(String name, String purpose) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new ConfigException(file + ": missing column '" + name + "' (" + purpose + "); columns present: "
                    + String.join(", ", columns));
        }
        return i;
    }

    /**
     * The index of the column of architecture strings: {@code arch_str} (NAS-Bench-201's name) when present, else
     * {@code arch} (the project's own result files).
     *
     * @throws ConfigException naming the file and the columns that exist if neither is present
     */
    public int architectureColumn() {
        return has("arch_str") ? column("arch_str", "architecture") : column("arch", "architecture");
    }

    /** The text of row {@code row} (0-based data row), column {@code col}. */
    public String text(int row, int col) {
        return rows.get(row)[col].strip();
    }

    /**
     * The number in row {@code row}, column {@code col}.
     *
     * @throws ConfigException naming the file line and column if it is not a finite number
     */
    public double number(int row, int col) {
        String s = text(row, col);
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(file + ":" + (row + 2) + ": column '" + columns.get(col) + "': '" + s
                + "' is not a finite number");
    }

    /** The 1-based line in the file of data row {@code row}, for error messages. */
    public int line(int row) {
        return lines[row];
    }
}
