package org.edgenas.space.chain;

import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaceProvider;
import org.edgenas.space.SpaceSettings;

/**
 * Provides {@code chain-cnn}. Settings (defaults in brackets): {@code input_size} (32), {@code input_channels} (3),
 * {@code classes} (10), {@code min_conv_layers} (1), {@code max_conv_layers} (6), {@code kernel_sizes}
 * ([1, 3, 5, 7], odd), {@code kernels} ([8, 16, 32, 64, 128, 256]), {@code strides} ([1, 2]), {@code pooling}
 * (true), {@code max_fc_layers} (2), {@code fc_widths} ([64, 128, 256, 512, 1024]).
 */
public final class ChainCnnProvider implements SearchSpaceProvider {

    @Override
    public String name() {
        return "chain-cnn";
    }

    @Override
    public String description() {
        return "plain CNN: 1..L conv layers (kernel size, kernels, stride, pooling), 0..2 FC layers, classifier";
    }

    @Override
    public SearchSpace create(Parameters p) {
        ChainCnnSpace d = ChainCnnSpace.defaults();
        int inputSize = p.integer("input_size", d.inputSize(), 1, 4096);
        int inputChannels = p.integer("input_channels", d.inputChannels(), 1, 4096);
        int classes = p.integer("classes", d.classes(), 1, 100_000);
        int minConv = p.integer("min_conv_layers", d.minConv(), 1, 64);
        int maxConv = p.integer("max_conv_layers", Math.max(minConv, d.maxConv()), 1, 64);
        if (maxConv < minConv) {
            throw p.error("max_conv_layers", "must be at least min_conv_layers (" + minConv + "), got " + maxConv);
        }
        List<Integer> kernelSizes = SpaceSettings.oddKernelSizes(p, d.kernelSizes());
        List<Integer> kernels = p.integers("kernels", d.kernelCounts(), 1, 65_536);
        List<Integer> strides = p.integers("strides", d.strides(), 1, 8);
        boolean pooling = p.bool("pooling", d.pooling());
        int maxFc = p.integer("max_fc_layers", d.maxFc(), 0, 8);
        List<Integer> widths = p.integers("fc_widths", d.fcWidths(), 1, 1 << 20);
        try {
            return new ChainCnnSpace(inputSize, inputChannels, classes, minConv, maxConv, kernelSizes, kernels,
                    strides, pooling, maxFc, widths);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.source() + ": " + p.pathOf("") + " " + e.getMessage());
        }
    }
}
