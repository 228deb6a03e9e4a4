package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The {@link SearchSpace} contract as JUnit 5 tests: extend it with the space to check, and every test runs on it.
 * Published in this module's test jar ({@code edgenas-spaces}, type {@code test-jar}), so a plug-in's own tests can
 * check its space:
 *
 * {@snippet :
 * class MySpaceContractTest extends SearchSpaceContract {
 *     @Override
 *     protected SearchSpace space() {
 *         return SearchSpaces.create("my-space", Parameters.empty());
 *     }
 *
 *     @Override
 *     protected List<String> invalidArchitectures() {
 *         return List.of("", "banana", "conv9");   // strings that are no architecture of the space
 *     }
 * }
 * }
 *
 * Checked: {@code choices()} is one list, built once; {@code decode} is total over valid genotypes (a random sample,
 * the all-lowest and all-highest genotypes, and every genotype of a space of at most {@link #ENUMERATED} genotypes);
 * canonical strings round-trip through {@code parse}; genotypes of the wrong length or with a gene out of range, and
 * strings that are no architecture, are rejected with an {@link ArchitectureFormatException} that names the gene or
 * quotes the string; {@code architectureCount()}, where the space knows it, equals the distinct architectures found by
 * enumeration (small spaces) and lies between those of the sample and {@code size()} (others).
 */
public abstract class SearchSpaceContract {

    /** Spaces with at most this many genotypes are enumerated completely. */
    protected static final long ENUMERATED = 20_000;

    /** The space to check; it may be built anew on each call. */
    protected abstract SearchSpace space();

    /** Strings that are not architectures of the space, each of which {@code encode} must reject. */
    protected List<String> invalidArchitectures() {
        return List.of("", "not an architecture");
    }

    /** Random genotypes to check beyond the extreme ones. */
    protected int samples() {
        return 300;
    }

    private List<Genotype> sample(SearchSpace space) {
        SplittableRandom random = new SplittableRandom(1);
        List<Genotype> out = new ArrayList<>();
        List<Choice> choices = space.choices();
        out.add(Genotype.of(new int[choices.size()]));
        out.add(Genotype.of(choices.stream().mapToInt(c -> c.cardinality() - 1).toArray()));
        for (int i = 0; i < samples(); i++) {
            out.add(Genotypes.random(choices, random));
        }
        return out;
    }

    private boolean enumerable(SearchSpace space) {
        return space.size() >= 0 && space.size() <= ENUMERATED;
    }

    @Test
    void choicesAreOneListBuiltOnce() {
        SearchSpace space = space();
        assertSame(space.choices(), space.choices(), "choices() must return the list it built once");
        assertThrows(UnsupportedOperationException.class, () -> space.choices().add(Choice.of("x", List.of("a"))),
                "choices() must be unmodifiable");
        assertFalse(space.name().isBlank(), "a space has a name");
    }

    @Test
    void decodeIsTotalOverValidGenotypes() {
        SearchSpace space = space();
        Iterable<Genotype> genotypes = enumerable(space) ? Genotypes.all(space.choices()) : sample(space);
        for (Genotype g : genotypes) {
            Architecture a = assertDoesNotThrow(() -> space.decode(g), "decode " + g);
            assertNotNull(a.id(), "decode " + g);
            assertFalse(a.id().isBlank(), "decode " + g + " gave an empty id");
        }
    }

    @Test
    void canonicalStringsRoundTrip() {
        SearchSpace space = space();
        for (Genotype g : sample(space)) {
            String id = space.decode(g).id();
            Genotype back = assertDoesNotThrow(() -> space.encode(id), "encode '" + id + "' (from " + g + ")");
            assertEquals(id, space.decode(back).id(), "decode(encode(s)) must be s for " + g);
            assertEquals(id, space.parse(id).id());
        }
    }

    @Test
    void genotypesOfTheWrongLengthOrOutOfRangeAreRejected() {
        SearchSpace space = space();
        List<Choice> choices = space.choices();
        assertThrows(ArchitectureFormatException.class, () -> space.decode(Genotype.of(new int[choices.size() + 1])));
        for (int i = 0; i < choices.size(); i++) {
            for (int bad : new int[] {-1, choices.get(i).cardinality()}) {
                int[] g = new int[choices.size()];
                g[i] = bad;
                int gene = i;
                ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class,
                        () -> space.decode(Genotype.of(g)), "gene " + i + " = " + bad);
                assertTrue(e.getMessage().contains("gene " + gene), e.getMessage());
            }
        }
    }

    @Test
    void stringsThatAreNoArchitectureAreRejectedQuotingThem() {
        SearchSpace space = space();
        for (String s : invalidArchitectures()) {
            ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class, () -> space.encode(s),
                    "'" + s + "' is no architecture of " + space.name());
            assertTrue(e.getMessage().contains("'" + s + "'"), "the message quotes the string: " + e.getMessage());
        }
    }

    @Test
    void architectureCountIsTheNumberOfDistinctArchitectures() {
        SearchSpace space = space();
        long count = space.architectureCount();
        Set<String> ids = new HashSet<>();
        if (enumerable(space)) {
            for (Genotype g : Genotypes.all(space.choices())) {
                ids.add(space.decode(g).id());
            }
            if (count >= 0) {
                assertEquals(ids.size(), count, "architectureCount() against enumeration");
            }
        } else {
            sample(space).forEach(g -> ids.add(space.decode(g).id()));
        }
        if (count >= 0) {
            assertTrue(count >= ids.size(), count + " architectures, but " + ids.size() + " distinct ones found");
            assertTrue(space.size() < 0 || count <= space.size(), "more architectures than genotypes");
        }
    }
}
