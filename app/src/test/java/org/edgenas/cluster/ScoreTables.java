package org.edgenas.cluster;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.edgenas.arch.Architecture;
import org.edgenas.space.Genotype;
import org.edgenas.space.Genotypes;
import org.edgenas.space.SearchSpace;

/** Score tables for the {@code table} proxy in tests: every architecture of a space, scored by its parameters. */
final class ScoreTables {

    private ScoreTables() {
    }

    /** CSV {@code arch,score} of every architecture of {@code space} whose canonical string passes {@code keep}. */
    static String parameters(SearchSpace space, Predicate<String> keep) {
        StringBuilder sb = new StringBuilder("arch,score\n");
        Set<String> seen = new HashSet<>();
        for (Genotype g : Genotypes.all(space.choices())) {
            Architecture a = space.decode(g);
            if (keep.test(a.id()) && seen.add(a.id())) {
                sb.append(a.id()).append(',').append(a.params()).append('\n');
            }
        }
        return sb.toString();
    }
}
