package org.edgenas.space.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.Shape;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.SearchSpace;

/**
 * A plain chain CNN, the family profiled by Lahmer et al. (2022): {@code minConv..maxConv} convolution layers
 * (each: kernel size, number of kernels, stride, optional 2x2 max pooling; "same" padding, bias, ReLU), then
 * {@code 0..maxFc} hidden fully connected layers (width choice, ReLU), then a linear classifier.
 *
 * <p>Genes: {@code conv_layers}, then for each possible conv layer {@code kernel}, {@code kernels}, {@code stride},
 * {@code pool}, then {@code fc_layers}, then each possible FC layer's {@code width}. Genes of layers beyond the chosen
 * depth are ignored. Canonical string: layer tokens joined by {@code -}: a conv layer is
 * {@code k<kernel>n<kernels>s<stride>}, with {@code p} appended when pooled; a hidden FC layer is {@code fc<width>};
 * e.g. {@code k3n32s1p-k5n64s2-fc128}. The classifier is implied by {@code classes}.
 *
 * <p>Repair: pooling is dropped on a feature map smaller than 2x2 (where a 2x2 window would shrink it below one
 * pixel); the canonical string names the repaired network. {@link #encode} rejects a string that asks for it.
 * Many genotypes therefore name one network; {@link #architectureCount()} counts the networks.
 */
public final class ChainCnnSpace implements SearchSpace {

    private static final Pattern CONV = Pattern.compile("k(\\d+)n(\\d+)s(\\d+)(p?)");
    private static final Pattern FC = Pattern.compile("fc(\\d+)");

    private final int inputSize;
    private final int inputChannels;
    private final int classes;
    private final int minConv;
    private final int maxConv;
    private final List<Integer> kernelSizes;
    private final List<Integer> kernelCounts;
    private final List<Integer> strides;
    private final boolean pooling;
    private final int maxFc;
    private final List<Integer> fcWidths;
    private final List<Choice> choices;

    /**
     * A chain-CNN space.
     *
     * @param inputSize     input height = width in pixels, at least 1
     * @param inputChannels input channels, at least 1
     * @param classes       classifier outputs, at least 1
     * @param minConv       fewest conv layers, at least 1
     * @param maxConv       most conv layers, at least {@code minConv}
     * @param kernelSizes   kernel size choices: distinct, odd and positive
     * @param kernelCounts  number-of-kernels choices, distinct
     * @param strides       stride choices, distinct
     * @param pooling       whether a conv layer may be followed by 2x2 max pooling
     * @param maxFc         most hidden fully connected layers, at least 0
     * @param fcWidths      hidden layer width choices, distinct
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public ChainCnnSpace(int inputSize, int inputChannels, int classes, int minConv, int maxConv,
                         List<Integer> kernelSizes, List<Integer> kernelCounts, List<Integer> strides,
                         boolean pooling, int maxFc, List<Integer> fcWidths) {
        if (minConv < 1 || maxConv < minConv || maxFc < 0 || inputSize < 1 || inputChannels < 1 || classes < 1) {
            throw new IllegalArgumentException("chain-cnn needs 1 <= min_conv_layers <= max_conv_layers, "
                    + "max_fc_layers >= 0 and positive input size, channels and classes");
        }
        for (int k : kernelSizes) {
            if (k < 1 || k % 2 == 0) {
                throw new IllegalArgumentException("chain-cnn kernel sizes must be odd and positive, got " + k);
            }
        }
        for (List<Integer> options : List.of(kernelSizes, kernelCounts, strides, fcWidths)) {
            if (options.isEmpty() || options.stream().distinct().count() != options.size()
                    || options.stream().anyMatch(x -> x < 1)) {
                throw new IllegalArgumentException("chain-cnn choices must be distinct positive integers, got "
                        + options);
            }
        }
        this.inputSize = inputSize;
        this.inputChannels = inputChannels;
        this.classes = classes;
        this.minConv = minConv;
        this.maxConv = maxConv;
        this.kernelSizes = List.copyOf(kernelSizes);
        this.kernelCounts = List.copyOf(kernelCounts);
        this.strides = List.copyOf(strides);
        this.pooling = pooling;
        this.maxFc = maxFc;
        this.fcWidths = List.copyOf(fcWidths);
        this.choices = choicesOf();
    }

    /** The default space: 32x32x3 input, 10 classes, 1..6 conv layers, 0..2 FC layers. */
    public static ChainCnnSpace defaults() {
        return new ChainCnnSpace(32, 3, 10, 1, 6, List.of(1, 3, 5, 7), List.of(8, 16, 32, 64, 128, 256),
                List.of(1, 2), true, 2, List.of(64, 128, 256, 512, 1024));
    }

    /** Input height = width in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** Input channels. */
    public int inputChannels() {
        return inputChannels;
    }

    /** Classifier outputs. */
    public int classes() {
        return classes;
    }

    /** Fewest conv layers. */
    public int minConv() {
        return minConv;
    }

    /** Most conv layers. */
    public int maxConv() {
        return maxConv;
    }

    /** Kernel size choices. */
    public List<Integer> kernelSizes() {
        return kernelSizes;
    }

    /** Number-of-kernels choices. */
    public List<Integer> kernelCounts() {
        return kernelCounts;
    }

    /** Stride choices. */
    public List<Integer> strides() {
        return strides;
    }

    /** Whether conv layers may pool. */
    public boolean pooling() {
        return pooling;
    }

    /** Most hidden fully connected layers. */
    public int maxFc() {
        return maxFc;
    }

    /** Hidden layer width choices. */
    public List<Integer> fcWidths() {
        return fcWidths;
    }

    @Override
    public String name() {
        return "chain-cnn";
    }

    @Override
    public List<Choice> choices() {
        return choices;
    }

    private List<Choice> choicesOf() {
        List<Choice> c = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        for (int d = minConv; d <= maxConv; d++) {
            depths.add(d);
        }
        c.add(Choice.ofInts("conv_layers", depths));
        for (int i = 1; i <= maxConv; i++) {
            c.add(Choice.ofInts("conv" + i + ".kernel", kernelSizes));
            c.add(Choice.ofInts("conv" + i + ".kernels", kernelCounts));
            c.add(Choice.ofInts("conv" + i + ".stride", strides));
            c.add(Choice.of("conv" + i + ".pool", pooling ? List.of("none", "max2") : List.of("none")));
        }
        List<Integer> fcDepths = new ArrayList<>();
        for (int d = 0; d <= maxFc; d++) {
            fcDepths.add(d);
        }
        c.add(Choice.ofInts("fc_layers", fcDepths));
        for (int j = 1; j <= maxFc; j++) {
            c.add(Choice.ofInts("fc" + j + ".width", fcWidths));
        }
        return List.copyOf(c);
    }

    /**
     * The distinct networks: genes of layers beyond the chosen depths, and pooling that is repaired away, do not make
     * new ones. Counted layer by layer over the feature-map sizes a chain can reach; -1 beyond {@link Long#MAX_VALUE}.
     */
    @Override
    public long architectureCount() {
        try {
            Map<Integer, Long> chains = Map.of(inputSize, 1L);
            long convChains = 0;
            long perLayer = Math.multiplyExact((long) kernelSizes.size(), kernelCounts.size());
            for (int layer = 1; layer <= maxConv; layer++) {
                Map<Integer, Long> next = new TreeMap<>();
                for (Map.Entry<Integer, Long> e : chains.entrySet()) {
                    long ways = Math.multiplyExact(e.getValue(), perLayer);
                    for (int s : strides) {
                        int size = (e.getKey() - 1) / s + 1;
                        next.merge(size, ways, Math::addExact);
                        if (pooling && size >= 2) {
                            next.merge(size / 2, ways, Math::addExact);
                        }
                    }
                }
                chains = next;
                if (layer >= minConv) {
                    for (long n : chains.values()) {
                        convChains = Math.addExact(convChains, n);
                    }
                }
            }
            long heads = 0;
            long widths = 1;
            for (int f = 0; f <= maxFc; f++) {
                heads = Math.addExact(heads, widths);
                widths = Math.multiplyExact(widths, fcWidths.size());
            }
            return Math.multiplyExact(convChains, heads);
        } catch (ArithmeticException overflow) {
            return -1;
        }
    }

    private int fcBase() {
        return 1 + 4 * maxConv;
    }

    @Override
    public Architecture build(Genotype g) {
        int depth = minConv + g.get(0);
        List<String> tokens = new ArrayList<>();
        GraphBuilder b = GraphBuilder.on(Shape.of(inputChannels, inputSize, inputSize));
        int x = Architecture.INPUT;
        for (int i = 0; i < depth; i++) {
            int k = kernelSizes.get(g.get(1 + 4 * i));
            int n = kernelCounts.get(g.get(2 + 4 * i));
            int s = strides.get(g.get(3 + 4 * i));
            boolean pool = g.get(4 + 4 * i) == 1;
            String name = "conv" + (i + 1);
            x = b.add(name + ".conv", new Conv2d(b.shape(x).channels(), n, k, s, k / 2, 1, true), x);
            x = b.add(name + ".relu", ReLU.of(), x);
            Shape after = b.shape(x);
            boolean pooled = pool && after.height() >= 2 && after.width() >= 2;
            if (pooled) {
                x = b.add(name + ".pool", MaxPool.of(2, 2, 0), x);
            }
            tokens.add("k" + k + "n" + n + "s" + s + (pooled ? "p" : ""));
        }
        int fcDepth = g.get(fcBase());
        for (int j = 0; j < fcDepth; j++) {
            int w = fcWidths.get(g.get(fcBase() + 1 + j));
            x = b.add("fc" + (j + 1) + ".linear", Linear.of((int) b.shape(x).elements(), w), x);
            x = b.add("fc" + (j + 1) + ".relu", ReLU.of(), x);
            tokens.add("fc" + w);
        }
        b.add("classifier", Linear.of((int) b.shape(x).elements(), classes), x);
        return b.build(String.join("-", tokens));
    }

    @Override
    public Genotype encode(String arch) {
        String[] tokens = arch.strip().split("-", -1);
        int[] genes = new int[choices.size()];
        int conv = 0;
        int fc = 0;
        int size = inputSize;
        for (String token : tokens) {
            Matcher cm = CONV.matcher(token);
            Matcher fm = FC.matcher(token);
            if (cm.matches()) {
                if (fc > 0) {
                    throw bad(arch, "conv layer '" + token + "' after a fully connected layer; conv layers come first");
                }
                if (++conv > maxConv) {
                    throw bad(arch, "more than " + maxConv + " conv layers (max_conv_layers)");
                }
                int base = 1 + 4 * (conv - 1);
                genes[base] = index(arch, token, "kernel size", cm.group(1), kernelSizes);
                genes[base + 1] = index(arch, token, "number of kernels", cm.group(2), kernelCounts);
                genes[base + 2] = index(arch, token, "stride", cm.group(3), strides);
                int s = strides.get(genes[base + 2]);
                size = (size - 1) / s + 1;
                if (!cm.group(4).isEmpty()) {
                    if (!pooling) {
                        throw bad(arch, "'" + token + "' pools but pooling is disabled in this space");
                    }
                    if (size < 2) {
                        throw bad(arch, "'" + token + "' pools a " + size + "x" + size
                                + " feature map; 2x2 pooling would shrink it below one pixel");
                    }
                    size /= 2;
                    genes[base + 3] = 1;
                }
            } else if (fm.matches()) {
                if (++fc > maxFc) {
                    throw bad(arch, "more than " + maxFc + " hidden fully connected layers (max_fc_layers)");
                }
                genes[fcBase() + fc] = index(arch, token, "width", fm.group(1), fcWidths);
            } else {
                throw bad(arch, "token '" + token + "' is neither a conv layer k<kernel>n<kernels>s<stride>[p] "
                        + "nor a fully connected layer fc<width>");
            }
        }
        if (conv < minConv) {
            throw bad(arch, "has " + conv + " conv layers, at least " + minConv + " needed (min_conv_layers)");
        }
        genes[0] = conv - minConv;
        genes[fcBase()] = fc;
        return Genotype.of(genes);
    }

    /** The index in {@code allowed} of the decimal number {@code digits} (any length; leading zeros allowed). */
    private int index(String arch, String token, String what, String digits, List<Integer> allowed) {
        int i = Choice.indexOfDecimal(digits, allowed);
        if (i < 0) {
            throw bad(arch, "'" + token + "': " + what + " " + Choice.decimal(digits) + " is not a choice; allowed: "
                    + allowed);
        }
        return i;
    }

    private ArchitectureFormatException bad(String arch, String why) {
        return new ArchitectureFormatException("chain-cnn: invalid architecture '" + arch + "': " + why);
    }
}
