package org.edgenas.space.nb201;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Linear;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Zero;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.SearchSpace;

/**
 * The NAS-Bench-201 topology space (Dong and Yang, ICLR 2020): a cell of 4 nodes whose 6 edges (i -> j, i < j) each
 * take one of 5 operations, stacked as stem conv3x3 + BN, {@code cellsPerStage} cells at C, a ResNet basic block
 * (stride 2), cells at 2C, a ResNet block, cells at 4C, then BN, ReLU, global average pool and a linear classifier.
 *
 * <p>Genes are the 6 edges in NB201 string order (1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2), each an
 * index into {@link #OPERATIONS}. The canonical string is NB201's, e.g.
 * {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}.
 * Every edge is kept in the graph, {@code none} as a {@link Zero} layer and {@code skip_connect} as an
 * {@link Identity}, so energy models can decide what a runtime executes.
 *
 * @param classes       classifier outputs (10 for CIFAR-10, 100 for CIFAR-100, 120 for ImageNet16-120)
 * @param inputSize     input height = width in pixels (32 for CIFAR, 16 for ImageNet16)
 * @param channels      channels C of the first stage (16 in NB201)
 * @param cellsPerStage cells N per stage (5 in NB201)
 */
public record Nb201Space(int classes, int inputSize, int channels, int cellsPerStage) implements SearchSpace {

    /** Operation names, in NB201's order; a gene value indexes this list. */
    public static final List<String> OPERATIONS =
            List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");

    /** Number of edges of a cell. */
    public static final int EDGES = 6;

    private static final int[][] EDGE_ENDS = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    public Nb201Space {
        if (classes < 1 || inputSize < 4 || channels < 1 || cellsPerStage < 0) {
            throw new IllegalArgumentException("nb201 needs classes >= 1, input size >= 4, channels >= 1, cells >= 0");
        }
    }

    /** NAS-Bench-201 as benchmarked on CIFAR-10: 10 classes, 32x32 input, C = 16, N = 5. */
    public static Nb201Space cifar10() {
        return new Nb201Space(10, 32, 16, 5);
    }

    @Override
    public String name() {
        return "nb201";
    }

    /** One choice per edge, among {@link #OPERATIONS}: the same for every instance. */
    private static final List<Choice> CHOICES = choicesOfEdges();

    private static List<Choice> choicesOfEdges() {
        List<Choice> c = new ArrayList<>(EDGES);
        for (int[] e : EDGE_ENDS) {
            c.add(Choice.of("edge" + e[0] + "-" + e[1], OPERATIONS));
        }
        return List.copyOf(c);
    }

    @Override
    public List<Choice> choices() {
        return CHOICES;
    }

    /** Every genotype is a different cell: 5^6 = 15,625 architectures. */
    @Override
    public long architectureCount() {
        return size();
    }

    /**
     * The NB201 string of a genotype.
     *
     * @throws ArchitectureFormatException if the genotype does not fit the space
     */
    public String canonical(Genotype g) {
        validate(g);
        return string(g);
    }

    private static String string(Genotype g) {
        StringBuilder sb = new StringBuilder("|");
        for (int e = 0; e < EDGES; e++) {
            if (e == 1 || e == 3) {
                sb.append("+|");
            }
            sb.append(OPERATIONS.get(g.get(e))).append('~').append(EDGE_ENDS[e][0]).append('|');
        }
        return sb.toString();
    }

    @Override
    public Genotype encode(String arch) {
        String[] nodes = arch.strip().split("\\+", -1);
        if (nodes.length != 3) {
            throw bad(arch, "expected 3 node groups separated by '+', got " + nodes.length
                    + "; format: |op~0|+|op~0|op~1|+|op~0|op~1|op~2|");
        }
        int[] genes = new int[EDGES];
        int e = 0;
        for (int j = 1; j <= 3; j++) {
            String group = nodes[j - 1];
            if (group.length() < 2 || group.charAt(0) != '|' || group.charAt(group.length() - 1) != '|') {
                throw bad(arch, "node " + j + " group '" + group + "' must start and end with '|'");
            }
            String[] tokens = group.substring(1, group.length() - 1).split("\\|", -1);
            if (tokens.length != j) {
                throw bad(arch, "node " + j + " needs " + j + " incoming edge(s), got " + tokens.length
                        + " in '" + group + "'");
            }
            for (int i = 0; i < j; i++, e++) {
                String token = tokens[i];
                int tilde = token.lastIndexOf('~');
                String op = tilde < 0 ? token : token.substring(0, tilde);
                String from = tilde < 0 ? "" : token.substring(tilde + 1);
                if (!from.equals(Integer.toString(i))) {
                    throw bad(arch, "node " + j + " edge '" + token + "' must end in '~" + i + "'");
                }
                int idx = OPERATIONS.indexOf(op);
                if (idx < 0) {
                    throw bad(arch, "node " + j + " edge '" + token + "': unknown operation '" + op
                            + "'; allowed: " + String.join(", ", OPERATIONS));
                }
                genes[e] = idx;
            }
        }
        return Genotype.of(genes);
    }

    @Override
    public Architecture build(Genotype g) {
        String id = string(g);
        GraphBuilder b = GraphBuilder.on(Shape.of(3, inputSize, inputSize));
        int c = channels;
        int x = b.add("stem.conv", Conv2d.of(3, c, 3, 1), Architecture.INPUT);
        x = b.add("stem.bn", BatchNorm.of(c), x);
        for (int stage = 1; stage <= 3; stage++) {
            if (stage > 1) {
                x = residualBlock(b, "stage" + stage + ".reduce", x, c, 2 * c);
                c *= 2;
            }
            for (int cell = 1; cell <= cellsPerStage; cell++) {
                x = cell(b, "stage" + stage + ".cell" + cell, x, c, g);
            }
        }
        x = b.add("head.bn", BatchNorm.of(c), x);
        x = b.add("head.relu", ReLU.of(), x);
        x = b.add("head.pool", GlobalAvgPool.of(), x);
        b.add("head.fc", Linear.of(c, classes), x);
        return b.build(id);
    }

    private static int cell(GraphBuilder b, String name, int input, int c, Genotype g) {
        int[] node = new int[4];
        node[0] = input;
        int e = 0;
        for (int j = 1; j <= 3; j++) {
            int[] branches = new int[j];
            for (int i = 0; i < j; i++, e++) {
                branches[i] = operation(b, name + ".edge" + i + "-" + j, node[i], c, OPERATIONS.get(g.get(e)));
            }
            node[j] = j == 1 ? branches[0] : b.add(name + ".node" + j + ".sum", Add.of(), branches);
        }
        return node[3];
    }

    private static int operation(GraphBuilder b, String name, int x, int c, String op) {
        return switch (op) {
            case "none" -> b.add(name + ".zero", Zero.of(), x);
            case "skip_connect" -> b.add(name + ".skip", Identity.of(), x);
            case "avg_pool_3x3" -> b.add(name + ".pool", AvgPool.of(3, 1, 1), x);
            case "nor_conv_1x1" -> reluConvBn(b, name, x, c, c, 1, 1);
            case "nor_conv_3x3" -> reluConvBn(b, name, x, c, c, 3, 1);
            default -> throw new AssertionError(op);
        };
    }

    private static int reluConvBn(GraphBuilder b, String name, int x, int in, int out, int k, int stride) {
        x = b.add(name + ".relu", ReLU.of(), x);
        x = b.add(name + ".conv", Conv2d.of(in, out, k, stride), x);
        return b.add(name + ".bn", BatchNorm.of(out), x);
    }

    private static int residualBlock(GraphBuilder b, String name, int x, int in, int out) {
        int a = reluConvBn(b, name + ".a", x, in, out, 3, 2);
        a = reluConvBn(b, name + ".b", a, out, out, 3, 1);
        int d = b.add(name + ".down.pool", AvgPool.of(2, 2, 0), x);
        d = b.add(name + ".down.conv", Conv2d.of(in, out, 1, 1), d);
        return b.add(name + ".sum", Add.of(), a, d);
    }

    private ArchitectureFormatException bad(String arch, String why) {
        return new ArchitectureFormatException("nb201: invalid architecture '" + arch + "': " + why);
    }
}
