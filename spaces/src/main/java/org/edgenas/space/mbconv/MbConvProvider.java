package org.edgenas.space.mbconv;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaceProvider;
import org.edgenas.space.SpaceSettings;

/**
 * Provides {@code mbconv} ({@link MbConvSpace}). Settings (defaults in brackets): {@code input_size} (32),
 * {@code input_channels} (3), {@code classes} (10), {@code width_multiplier} (1.0), {@code stem_channels} (32),
 * {@code stem_stride} (2), {@code head_channels} (1280), {@code expansion_ratios} ([1, 3, 6]), {@code kernel_sizes}
 * ([3, 5, 7], odd), {@code squeeze_excitation} (true: blocks may have it), and {@code stages}: a section of named
 * stages in order, each {@code {channels: C, stride: S, depths: [...]}} (stride defaults to 1), by default
 * MobileNetV2's table:
 * {@snippet lang = yaml :
 * stages:
 *   s1: {channels: 16, stride: 1, depths: [1]}
 *   s2: {channels: 24, stride: 2, depths: [1, 2, 3, 4]}
 *   s3: {channels: 32, stride: 2, depths: [1, 2, 3, 4]}
 *   s4: {channels: 64, stride: 2, depths: [1, 2, 3, 4]}
 *   s5: {channels: 96, stride: 1, depths: [1, 2, 3, 4]}
 *   s6: {channels: 160, stride: 2, depths: [1, 2, 3, 4]}
 *   s7: {channels: 320, stride: 1, depths: [1]}
 * }
 */
public final class MbConvProvider implements SearchSpaceProvider {

    @Override
    public String name() {
        return "mbconv";
    }

    @Override
    public String description() {
        return "MobileNetV2-style inverted residual blocks: per block expansion, depthwise kernel, optional SE; "
                + "per stage depth";
    }

    @Override
    public SearchSpace create(Parameters p) {
        MbConvSpace d = MbConvSpace.defaults();
        int inputSize = p.integer("input_size", d.inputSize(), 1, 4096);
        int inputChannels = p.integer("input_channels", d.inputChannels(), 1, 4096);
        int classes = p.integer("classes", d.classes(), 1, 100_000);
        double width = p.number("width_multiplier", d.widthMultiplier(), 0.05, 16);
        int stem = p.integer("stem_channels", d.stemChannels(), 1, 65_536);
        int stemStride = p.integer("stem_stride", d.stemStride(), 1, 8);
        int head = p.integer("head_channels", d.headChannels(), 1, 65_536);
        List<Integer> ratios = p.integers("expansion_ratios", d.expansionRatios(), 1, 64);
        List<Integer> kernels = SpaceSettings.oddKernelSizes(p, d.kernelSizes());
        boolean se = p.bool("squeeze_excitation", d.squeezeExcitation());
        List<Stage> stages = p.has("stages") ? stages(p.section("stages")) : d.stages();
        try {
            return new MbConvSpace(inputSize, inputChannels, classes, width, stem, stemStride, head, stages, ratios,
                    kernels, se);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.source() + ": " + p.pathOf("") + " " + e.getMessage());
        }
    }

    private static List<Stage> stages(Parameters table) {
        if (table.keys().isEmpty()) {
            throw table.error("", "expected at least one stage, e.g. s1: {channels: 16, stride: 1, depths: [1]}");
        }
        List<Stage> stages = new ArrayList<>();
        for (String name : table.keys()) {
            Parameters s = table.section(name);
            if (!name.matches("[A-Za-z0-9_]+")) {
                throw table.error(name, "a stage name is letters, digits and _ only");
            }
            if (!s.has("channels")) {
                throw s.error("channels", "missing; the stage's output channels");
            }
            if (!s.has("depths")) {
                throw s.error("depths", "missing; the numbers of blocks the stage may have, e.g. [1, 2, 3]");
            }
            int channels = s.integer("channels", 0, 1, 65_536);
            int stride = s.integer("stride", 1, 1, 8);
            List<Integer> depths = s.integers("depths", List.of(), 1, 64);
            s.requireNoUnknownKeys();
            stages.add(Stage.of(name, channels, stride, depths));
        }
        return stages;
    }
}
