package org.edgenas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.io.CsvTable;
import org.edgenas.io.TextFiles;

/**
 * Reads architecture strings from a file: either one per line (blank lines and lines starting with {@code #}
 * skipped), or a CSV whose header has an {@code arch_str} or {@code arch} column.
 */
final class ArchInput {

    private ArchInput() {
    }

    static List<String> read(Path file) {
        List<String> lines = TextFiles.read(file, "list of architectures").lines().toList();
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        List<String> header = List.of(first.split(",", -1)).stream().map(String::strip).toList();
        if (first.contains(",") || header.contains("arch_str") || header.contains("arch")) {
            CsvTable t = CsvTable.read(file);
            int col = t.architectureColumn();
            List<String> out = new ArrayList<>(t.size());
            for (int r = 0; r < t.size(); r++) {
                out.add(t.text(r, col));
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank() && !l.strip().startsWith("#")) {
                out.add(l.strip());
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(file + ": no architectures in it (one per line, or a CSV with an arch_str or "
                    + "arch column)");
        }
        return out;
    }
}
