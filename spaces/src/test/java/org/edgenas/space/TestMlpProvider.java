package org.edgenas.space;

import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;

/** A user-style search space: 1..4 square linear layers of a configurable width. Registered only for tests. */
public final class TestMlpProvider implements SearchSpaceProvider {

    @Override
    public String name() {
        return "test-mlp";
    }

    @Override
    public String description() {
        return "test space: 1..4 linear layers";
    }

    @Override
    public SearchSpace create(Parameters p) {
        int width = p.integer("width", 8, 1, 1024);
        return new SearchSpace() {
            @Override
            public String name() {
                return "test-mlp";
            }

            private final List<Choice> choices = List.of(Choice.ofInts("depth", List.of(1, 2, 3, 4)));

            @Override
            public List<Choice> choices() {
                return choices;
            }

            @Override
            public long architectureCount() {
                return size();
            }

            @Override
            public Architecture build(Genotype g) {
                GraphBuilder b = GraphBuilder.on(Shape.vector(width));
                int x = Architecture.INPUT;
                for (int i = 0; i <= g.get(0); i++) {
                    x = b.add("fc" + i, new Linear(width, width, false), x);
                }
                return b.build(Integer.toString(g.get(0) + 1));
            }

            @Override
            public Genotype encode(String arch) {
                try {
                    int depth = Integer.parseInt(arch.strip());
                    if (depth >= 1 && depth <= 4) {
                        return Genotype.of(depth - 1);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new ArchitectureFormatException("test-mlp: '" + arch + "' is not a depth 1..4");
            }
        };
    }
}
