package org.edgenas.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.io.CsvTable;
import org.edgenas.search.Evaluation;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.SearchSpace;

/**
 * Reads a known (true) front from a {@code front.csv} written by a run, e.g. an exhaustive one: columns
 * {@code arch,accuracy,energy_mj,latency_ms,macs,params}; architectures are checked against the space.
 */
final class ReferenceFront {

    private ReferenceFront() {
    }

    static List<Evaluation> read(Path file, SearchSpace space) {
        CsvTable t = CsvTable.read(file);
        int arch = t.column("arch", "architecture");
        int acc = t.column("accuracy", "accuracy objective");
        int energy = t.column("energy_mj", "energy objective");
        int latency = t.column("latency_ms", "latency objective");
        int macs = t.column("macs", "MACs");
        int params = t.column("params", "parameters");
        List<Evaluation> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            String a = t.text(r, arch);
            try {
                a = space.parse(a).id();
            } catch (ArchitectureFormatException e) {
                throw new ConfigException(file + ":" + t.line(r) + ": " + e.getMessage(), e);
            }
            double lat = t.text(r, latency).isEmpty() ? Double.NaN : t.number(r, latency);
            out.add(new Evaluation(a, t.number(r, acc), t.number(r, energy), lat, (long) t.number(r, macs),
                    (long) t.number(r, params), 0, 0));
        }
        return out;
    }
}
