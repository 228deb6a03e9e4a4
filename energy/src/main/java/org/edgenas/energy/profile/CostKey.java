package org.edgenas.energy.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which coefficients of a {@link LinearCostModel} a charged quantity uses: a layer group and how it is charged. In
 * profile files it is written {@code <group><term suffix>}, e.g. {@code conv}, {@code conv.const},
 * {@code add.fanout_const}; that text is parsed once, when a profile is read.
 *
 * @param group the layer group
 * @param term  how it is charged
 */
public record CostKey(CostGroup group, CostTerm term) implements Comparable<CostKey> {

    private static final Comparator<CostKey> ORDER = Comparator.comparing(CostKey::group)
            .thenComparing(CostKey::term);

    public CostKey {
        java.util.Objects.requireNonNull(group, "group");
        java.util.Objects.requireNonNull(term, "term");
    }

    private static final List<CostKey> ALL = build();

    /** The key of {@code group} charged as {@code term} (one shared instance per key). */
    public static CostKey of(CostGroup group, CostTerm term) {
        return ALL.get(group.ordinal() * CostTerm.values().length + term.ordinal());
    }

    /** The key as written in profile files. */
    public String text() {
        return group.key() + term.suffix();
    }

    /** The key written as {@code text}, or empty if there is none. */
    public static Optional<CostKey> parse(String text) {
        for (CostKey k : all()) {
            if (k.text().equals(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Every key, in group then term order. */
    public static List<CostKey> all() {
        return ALL;
    }

    private static List<CostKey> build() {
        List<CostKey> keys = new ArrayList<>(CostGroup.values().length * CostTerm.values().length);
        for (CostGroup g : CostGroup.values()) {
            for (CostTerm t : CostTerm.values()) {
                keys.add(new CostKey(g, t));
            }
        }
        return List.copyOf(keys);
    }

    /** Index of this key in {@link #all()}. */
    public int index() {
        return group.ordinal() * CostTerm.values().length + term.ordinal();
    }

    @Override
    public int compareTo(CostKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return text();
    }
}
