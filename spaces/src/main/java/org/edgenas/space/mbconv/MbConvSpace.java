package org.edgenas.space.mbconv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Linear;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.SearchSpace;

/**
 * MobileNetV2-style networks (Sandler et al. 2018), the family FBNet, ProxylessNAS and Once-for-All search: a stem
 * (3x3 conv, BN, ReLU6), stages of inverted residual blocks, a head (1x1 conv, BN, ReLU6, global average pool,
 * linear classifier with bias). A block is a 1x1 expansion to {@code t} times its input (conv, BN, ReLU6; left out
 * when t = 1), a depthwise k x k conv (BN, ReLU6) carrying the stage's stride in its first block, optional
 * squeeze-and-excitation (global pool, 1x1 conv to {@code makeDivisible(hidden / 4)} with bias, ReLU, 1x1 conv back
 * with bias, hard sigmoid, channel multiply, as torchvision's {@code SqueezeExcitation} in MobileNetV3), a 1x1
 * projection (conv, BN, no activation), and a residual sum when the stride is 1 and the widths match. Convs have no
 * bias, padding k / 2. Widths are {@code makeDivisible(c x widthMultiplier)}, the head's
 * {@code makeDivisible(headChannels x max(1, widthMultiplier))}, as torchvision rounds them.
 *
 * <p>Genes: per stage, {@code <stage>.depth}, then for each of its block slots {@code <stage>.b<j>.expansion},
 * {@code .kernel} and {@code .se}; genes of slots beyond the chosen depth are ignored. Canonical string: the stages
 * joined by {@code _}, each stage's blocks joined by {@code -}, a block written {@code e<t>k<k>[se]}; e.g. for a
 * three-stage table {@code e1k3_e6k3-e6k5se_e3k7}. {@link #encode} also accepts the name of a reference
 * architecture: {@code mobilenetv2} (MobileNetV2 as published, on the default stage table).
 *
 * @param inputSize         input height and width, pixels
 * @param inputChannels     input channels
 * @param classes           outputs of the classifier
 * @param widthMultiplier   scales every width (stem, stages, head when above 1), &gt; 0
 * @param stemChannels      stem conv width before the multiplier
 * @param stemStride        stem conv stride
 * @param headChannels      head conv width before the multiplier
 * @param stages            the stage table, in order
 * @param expansionRatios   expansion ratios a block may take
 * @param kernelSizes       depthwise kernel sizes a block may take (odd)
 * @param squeezeExcitation whether a block may have squeeze-and-excitation
 */
public final class MbConvSpace implements SearchSpace {

    /** The name {@link #encode} accepts for MobileNetV2 1.0 as published. */
    public static final String MOBILENETV2 = "mobilenetv2";

    /** MobileNetV2's table (Sandler et al. 2018, Table 2): channels, stride, depth and expansion of each stage. */
    private static final int[][] MOBILENETV2_TABLE = {
        {16, 1, 1, 1}, {24, 2, 2, 6}, {32, 2, 3, 6}, {64, 2, 4, 6}, {96, 1, 3, 6}, {160, 2, 3, 6}, {320, 1, 1, 6},
    };

    private static final Pattern BLOCK = Pattern.compile("e(\\d+)k(\\d+)(se)?");

    private final int inputSize;
    private final int inputChannels;
    private final int classes;
    private final double widthMultiplier;
    private final int stemChannels;
    private final int stemStride;
    private final int headChannels;
    private final List<Stage> stages;
    private final List<Integer> expansionRatios;
    private final List<Integer> kernelSizes;
    private final boolean squeezeExcitation;
    private final List<Choice> choices;

    /** A space with the settings described above; throws {@link IllegalArgumentException} for impossible ones. */
    public MbConvSpace(int inputSize, int inputChannels, int classes, double widthMultiplier, int stemChannels,
                       int stemStride, int headChannels, List<Stage> stages, List<Integer> expansionRatios,
                       List<Integer> kernelSizes, boolean squeezeExcitation) {
        stages = List.copyOf(stages);
        expansionRatios = List.copyOf(expansionRatios);
        kernelSizes = List.copyOf(kernelSizes);
        if (inputSize < 1 || inputChannels < 1 || classes < 1 || stemChannels < 1 || stemStride < 1
                || headChannels < 1 || !(widthMultiplier > 0) || Double.isInfinite(widthMultiplier)) {
            throw new IllegalArgumentException("mbconv needs positive input size, input channels, classes, stem and "
                    + "head channels, stem stride and width multiplier");
        }
        if (stages.isEmpty() || expansionRatios.isEmpty() || kernelSizes.isEmpty()) {
            throw new IllegalArgumentException("mbconv needs at least one stage, expansion ratio and kernel size");
        }
        if (stages.stream().map(Stage::name).distinct().count() != stages.size()) {
            throw new IllegalArgumentException("mbconv stage names must be distinct, got "
                    + stages.stream().map(Stage::name).toList());
        }
        for (int k : kernelSizes) {
            if (k < 1 || k % 2 == 0) {
                throw new IllegalArgumentException("mbconv kernel sizes must be odd and positive, got " + k);
            }
        }
        for (int t : expansionRatios) {
            if (t < 1) {
                throw new IllegalArgumentException("mbconv expansion ratios must be at least 1, got " + t);
            }
        }
        this.inputSize = inputSize;
        this.inputChannels = inputChannels;
        this.classes = classes;
        this.widthMultiplier = widthMultiplier;
        this.stemChannels = stemChannels;
        this.stemStride = stemStride;
        this.headChannels = headChannels;
        this.stages = stages;
        this.expansionRatios = expansionRatios;
        this.kernelSizes = kernelSizes;
        this.squeezeExcitation = squeezeExcitation;
        this.choices = buildChoices();
    }

    /** Input height and width, pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** Input channels. */
    public int inputChannels() {
        return inputChannels;
    }

    /** Outputs of the classifier. */
    public int classes() {
        return classes;
    }

    /** The factor every width is scaled by. */
    public double widthMultiplier() {
        return widthMultiplier;
    }

    /** Stem conv width before the multiplier. */
    public int stemChannels() {
        return stemChannels;
    }

    /** Stem conv stride. */
    public int stemStride() {
        return stemStride;
    }

    /** Head conv width before the multiplier. */
    public int headChannels() {
        return headChannels;
    }

    /** The stage table, in order. */
    public List<Stage> stages() {
        return stages;
    }

    /** Expansion ratios a block may take. */
    public List<Integer> expansionRatios() {
        return expansionRatios;
    }

    /** Depthwise kernel sizes a block may take. */
    public List<Integer> kernelSizes() {
        return kernelSizes;
    }

    /** Whether a block may have squeeze-and-excitation. */
    public boolean squeezeExcitation() {
        return squeezeExcitation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MbConvSpace m && inputSize == m.inputSize && inputChannels == m.inputChannels
                && classes == m.classes && Double.compare(widthMultiplier, m.widthMultiplier) == 0
                && stemChannels == m.stemChannels && stemStride == m.stemStride && headChannels == m.headChannels
                && stages.equals(m.stages) && expansionRatios.equals(m.expansionRatios)
                && kernelSizes.equals(m.kernelSizes) && squeezeExcitation == m.squeezeExcitation;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputSize, inputChannels, classes, widthMultiplier, stemChannels, stemStride,
                headChannels, stages, expansionRatios, kernelSizes, squeezeExcitation);
    }

    @Override
    public String toString() {
        return "mbconv(input " + inputChannels + "x" + inputSize + "x" + inputSize + ", " + classes + " classes, width "
                + widthMultiplier + ", stages " + stages + ", expansions " + expansionRatios + ", kernels "
                + kernelSizes + (squeezeExcitation ? ", SE" : "") + ")";
    }

    /** MobileNetV2's stage table, each stage free to take 1 to 4 blocks (the first and last: 1). */
    public static List<Stage> mobileNetV2Stages() {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < MOBILENETV2_TABLE.length; i++) {
            int[] row = MOBILENETV2_TABLE[i];
            boolean fixed = i == 0 || i == MOBILENETV2_TABLE.length - 1;
            stages.add(Stage.of("s" + (i + 1), row[0], row[1], fixed ? List.of(1) : List.of(1, 2, 3, 4)));
        }
        return stages;
    }

    /**
     * The default space: 32x32x3 input, 10 classes, width 1.0, stem 32 (stride 2), head 1280, MobileNetV2's stage
     * table, expansion ratios 1, 3, 6, kernels 3, 5, 7, squeeze-and-excitation allowed.
     */
    public static MbConvSpace defaults() {
        return new MbConvSpace(32, 3, 10, 1.0, 32, 2, 1280, mobileNetV2Stages(), List.of(1, 3, 6), List.of(3, 5, 7),
                true);
    }

    /**
     * {@code v} rounded to the nearest multiple of {@code divisor} (at least {@code divisor}), rounded up once more
     * if that lost over 10 %: torchvision's {@code _make_divisible}, which sets every width of its MobileNets.
     */
    public static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    @Override
    public String name() {
        return "mbconv";
    }

    @Override
    public List<Choice> choices() {
        return choices;
    }

    /**
     * The number of distinct networks: genes of block slots beyond a stage's depth are ignored, so a stage with
     * depth choices D and B kinds of block (expansions x kernels x SE or not) has sum over d in D of B^d variants,
     * and the space the product over its stages; -1 beyond {@link Long#MAX_VALUE}.
     */
    @Override
    public long architectureCount() {
        long blockKinds = (long) expansionRatios.size() * kernelSizes.size() * (squeezeExcitation ? 2 : 1);
        try {
            long total = 1;
            for (Stage s : stages) {
                long variants = 0;
                for (int d : s.depths()) {
                    long power = 1;
                    for (int i = 0; i < d; i++) {
                        power = Math.multiplyExact(power, blockKinds);
                    }
                    variants = Math.addExact(variants, power);
                }
                total = Math.multiplyExact(total, variants);
            }
            return total;
        } catch (ArithmeticException overflow) {
            return -1;
        }
    }

    private List<Choice> buildChoices() {
        List<Choice> c = new ArrayList<>();
        for (Stage s : stages) {
            c.add(Choice.ofInts(s.name() + ".depth", s.depths()));
            for (int j = 1; j <= s.maxDepth(); j++) {
                String slot = s.name() + ".b" + j;
                c.add(Choice.ofInts(slot + ".expansion", expansionRatios));
                c.add(Choice.ofInts(slot + ".kernel", kernelSizes));
                c.add(Choice.of(slot + ".se", squeezeExcitation ? List.of("none", "se") : List.of("none")));
            }
        }
        return List.copyOf(c);
    }

    /** Channels of a stage (or stem) width {@code c} after the width multiplier. */
    private int width(int c) {
        return makeDivisible(c * widthMultiplier, 8);
    }

    @Override
    public Architecture build(Genotype g) {
        List<List<Block>> blocks = new ArrayList<>();
        int gene = 0;
        for (Stage s : stages) {
            int depth = s.depths().get(g.get(gene));
            List<Block> stage = new ArrayList<>();
            for (int j = 0; j < s.maxDepth(); j++) {
                int base = gene + 1 + 3 * j;
                if (j < depth) {
                    stage.add(Block.of(expansionRatios.get(g.get(base)), kernelSizes.get(g.get(base + 1)),
                            g.get(base + 2) == 1));
                }
            }
            blocks.add(stage);
            gene += 1 + 3 * s.maxDepth();
        }
        return build(blocks);
    }

    private Architecture build(List<List<Block>> blocks) {
        GraphBuilder b = GraphBuilder.on(Shape.of(inputChannels, inputSize, inputSize));
        int stem = width(stemChannels);
        int x = b.add("stem.conv", new Conv2d(inputChannels, stem, 3, stemStride, 1, 1, false), Architecture.INPUT);
        x = b.add("stem.bn", BatchNorm.of(stem), x);
        x = b.add("stem.act", ReLU6.of(), x);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            int out = width(s.channels());
            List<String> stage = new ArrayList<>();
            for (int j = 0; j < blocks.get(i).size(); j++) {
                Block block = blocks.get(i).get(j);
                x = block(b, s.name() + ".b" + (j + 1), block, x, out, j == 0 ? s.stride() : 1);
                stage.add(block.toString());
            }
            tokens.add(String.join("-", stage));
        }
        int head = makeDivisible(headChannels * Math.max(1.0, widthMultiplier), 8);
        x = b.add("head.conv", Conv2d.pointwise(b.shape(x).channels(), head), x);
        x = b.add("head.bn", BatchNorm.of(head), x);
        x = b.add("head.act", ReLU6.of(), x);
        x = b.add("head.pool", GlobalAvgPool.of(), x);
        b.add("classifier", Linear.of(head, classes), x);
        return b.build(String.join("_", tokens));
    }

    private static int block(GraphBuilder b, String name, Block block, int input, int out, int stride) {
        int in = b.shape(input).channels();
        int hidden = in * block.expansion();
        int x = input;
        if (block.expansion() != 1) {
            x = b.add(name + ".expand.conv", Conv2d.pointwise(in, hidden), x);
            x = b.add(name + ".expand.bn", BatchNorm.of(hidden), x);
            x = b.add(name + ".expand.act", ReLU6.of(), x);
        }
        x = b.add(name + ".dw.conv", Conv2d.depthwise(hidden, block.kernel(), stride), x);
        x = b.add(name + ".dw.bn", BatchNorm.of(hidden), x);
        x = b.add(name + ".dw.act", ReLU6.of(), x);
        if (block.se()) {
            int squeeze = makeDivisible(hidden / 4, 8);
            int s = b.add(name + ".se.pool", GlobalAvgPool.of(), x);
            s = b.add(name + ".se.reduce", new Conv2d(hidden, squeeze, 1, 1, 0, 1, true), s);
            s = b.add(name + ".se.relu", ReLU.of(), s);
            s = b.add(name + ".se.expand", new Conv2d(squeeze, hidden, 1, 1, 0, 1, true), s);
            s = b.add(name + ".se.gate", HardSigmoid.of(), s);
            x = b.add(name + ".se.scale", ChannelMul.of(), x, s);
        }
        x = b.add(name + ".project.conv", Conv2d.pointwise(hidden, out), x);
        x = b.add(name + ".project.bn", BatchNorm.of(out), x);
        if (stride == 1 && in == out) {
            x = b.add(name + ".residual", Add.of(), x, input);
        }
        return x;
    }

    @Override
    public Genotype encode(String arch) {
        String canonical = arch.strip();
        if (canonical.toLowerCase(Locale.ROOT).equals(MOBILENETV2)) {
            canonical = mobileNetV2(arch);
        }
        String[] stageTokens = canonical.split("_", -1);
        if (stageTokens.length != stages.size()) {
            throw bad(arch, "has " + stageTokens.length + " stages (separated by '_'), the stage table has "
                    + stages.size() + " (" + String.join(", ", stages.stream().map(Stage::name).toList())
                    + "); or name a reference architecture: " + MOBILENETV2);
        }
        int[] genes = new int[choices().size()];
        int gene = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            String[] blockTokens = stageTokens[i].split("-", -1);
            int depth = s.depths().indexOf(blockTokens.length);
            if (depth < 0) {
                throw bad(arch, "stage " + s.name() + " has " + blockTokens.length + " blocks; allowed depths: "
                        + s.depths());
            }
            genes[gene] = depth;
            for (int j = 0; j < blockTokens.length; j++) {
                Matcher m = BLOCK.matcher(blockTokens[j]);
                if (!m.matches()) {
                    throw bad(arch, "stage " + s.name() + " block " + (j + 1) + ": '" + blockTokens[j]
                            + "' is not a block e<expansion>k<kernel>[se], e.g. e6k3 or e3k5se");
                }
                int base = gene + 1 + 3 * j;
                String where = "stage " + s.name() + " block " + (j + 1) + " '" + blockTokens[j] + "': ";
                genes[base] = index(arch, where + "expansion ratio", m.group(1), expansionRatios);
                genes[base + 1] = index(arch, where + "kernel size", m.group(2), kernelSizes);
                if (m.group(3) != null) {
                    if (!squeezeExcitation) {
                        throw bad(arch, where + "squeeze-and-excitation is disabled in this space");
                    }
                    genes[base + 2] = 1;
                }
            }
            gene += 1 + 3 * s.maxDepth();
        }
        return Genotype.of(genes);
    }

    /**
     * MobileNetV2's canonical string in this space: its stage table must be MobileNetV2's (the depths, ratios and
     * kernel it needs are then checked like any string's).
     */
    private String mobileNetV2(String arch) {
        List<String> differences = new ArrayList<>();
        if (stemChannels != 32 || stemStride != 2) {
            differences.add("stem " + stemChannels + " channels, stride " + stemStride + " (needs 32, stride 2)");
        }
        if (headChannels != 1280) {
            differences.add("head " + headChannels + " channels (needs 1280)");
        }
        if (stages.size() != MOBILENETV2_TABLE.length) {
            differences.add(stages.size() + " stages (needs " + MOBILENETV2_TABLE.length + ")");
        } else {
            for (int i = 0; i < stages.size(); i++) {
                Stage s = stages.get(i);
                int[] row = MOBILENETV2_TABLE[i];
                if (s.channels() != row[0] || s.stride() != row[1]) {
                    differences.add("stage " + s.name() + " " + s.channels() + " channels, stride " + s.stride()
                            + " (needs " + row[0] + ", stride " + row[1] + ")");
                }
            }
        }
        if (!differences.isEmpty()) {
            throw bad(arch, "MobileNetV2 is defined on its own stage table; this space has "
                    + String.join("; ", differences));
        }
        List<String> tokens = new ArrayList<>();
        for (int[] row : MOBILENETV2_TABLE) {
            String block = Block.of(row[3], 3, false).toString();
            tokens.add(String.join("-", java.util.Collections.nCopies(row[2], block)));
        }
        return String.join("_", tokens);
    }

    private static int index(String arch, String what, String digits, List<Integer> allowed) {
        int i = Choice.indexOfDecimal(digits, allowed);
        if (i < 0) {
            throw bad(arch, what + " " + Choice.decimal(digits) + " is not a choice; allowed: " + allowed);
        }
        return i;
    }

    private static ArchitectureFormatException bad(String arch, String why) {
        return new ArchitectureFormatException("mbconv: invalid architecture '" + arch + "': " + why);
    }
}
