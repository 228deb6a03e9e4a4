package org.edgenas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Quotes;
import org.edgenas.io.CsvTable;
import org.edgenas.io.TextFiles;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.SearchSpace;

/**
 * Reads architecture strings from a file: either one per line (blank lines and lines starting with {@code #}
 * skipped), or a CSV whose header has an {@code arch_str} or {@code arch} column; each remembers its line, so that a
 * bad one is reported as {@code FILE:LINE: ...} (quoting a long string by its prefix and length only).
 */
final class ArchInput {

    /**
     * An architecture string and where it came from.
     *
     * @param text  the string
     * @param where {@code FILE:LINE}, or the option that gave it (e.g. {@code --arch})
     */
    record Entry(String text, String where) {

        /**
         * The architecture in {@code space}.
         *
         * @throws ConfigException naming where the string came from and what is wrong with it
         */
        Architecture parse(SearchSpace space) {
            try {
                return space.parse(text);
            } catch (ArchitectureFormatException e) {
                throw new ConfigException(where + ": " + Quotes.shortenIn(e.getMessage()), e);
            }
        }
    }

    private ArchInput() {
    }

    static List<Entry> read(Path file) {
        List<String> lines = TextFiles.read(file, "list of architectures").lines().toList();
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        List<String> header = List.of(first.split(",", -1)).stream().map(String::strip).toList();
        if (first.contains(",") || header.contains("arch_str") || header.contains("arch")) {
            CsvTable t = CsvTable.read(file);
            int col = t.architectureColumn();
            List<Entry> out = new ArrayList<>(t.size());
            for (int r = 0; r < t.size(); r++) {
                out.add(new Entry(t.text(r, col), file + ":" + t.line(r)));
            }
            return out;
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.strip().startsWith("#")) {
                out.add(new Entry(l.strip(), file + ":" + (i + 1)));
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(file + ": no architectures in it (one per line, or a CSV with an arch_str or "
                    + "arch column)");
        }
        return out;
    }
}
