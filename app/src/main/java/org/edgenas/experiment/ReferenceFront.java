package org.edgenas.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
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
        List<Evaluation> rows = ResultsCsv.read(file);
        List<Evaluation> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Evaluation e = rows.get(r);
            String a;
            try {
                a = space.parse(e.arch()).id();
            } catch (ArchitectureFormatException x) {
                throw new ConfigException(file + ":" + (r + 2) + ": " + x.getMessage(), x);
            }
            out.add(new Evaluation(a, e.accuracy(), e.energyMj(), e.latencyMs(), e.macs(), e.params(), 0, 0));
        }
        return out;
    }
}
