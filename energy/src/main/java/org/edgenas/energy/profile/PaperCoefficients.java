package org.edgenas.energy.profile;

import java.util.List;

/**
 * Coefficients of the {@code paper} form, after Lahmer et al., "Energy Consumption of Neural Networks on NVIDIA Edge
 * Boards" (2022): a fully connected layer costs {@code gamma x MACs}; a convolution costs
 * {@code MACs x (alpha + beta x f(K))}, a slope that depends on its number of kernels K through one of the
 * {@link #KERNEL_DEPENDENCES}; other layers cost nothing. Energy in mJ, MACs over the batch.
 *
 * @param gamma            FC energy per MAC, mJ
 * @param alpha            conv energy per MAC independent of K, mJ
 * @param beta             conv energy per MAC times f(K), mJ
 * @param kernelDependence f: {@code inverse} (1/K), {@code log} (ln K), or {@code tileN} (ceil(K/N) N / K, the share
 *                         of a GPU tile of N output channels that K fills, N a power of two)
 */
public record PaperCoefficients(double gamma, double alpha, double beta, String kernelDependence) {

    /** The kernel dependences tried when fitting, in order. */
    public static final List<String> KERNEL_DEPENDENCES = List.of("inverse", "log", "tile8", "tile16", "tile32",
            "tile64");

    public PaperCoefficients {
        if (!(gamma >= 0 && alpha >= 0 && beta >= 0)) {
            throw new IllegalArgumentException("paper coefficients must be non-negative, got gamma=" + gamma
                    + " alpha=" + alpha + " beta=" + beta);
        }
        f(kernelDependence, 1);
    }

    /** The kernel dependence {@code name} at {@code kernels} output channels. */
    public static double f(String name, int kernels) {
        if (name.equals("inverse")) {
            return 1.0 / kernels;
        }
        if (name.equals("log")) {
            return Math.log(kernels);
        }
        if (name.startsWith("tile")) {
            try {
                int tile = Integer.parseInt(name.substring(4));
                if (tile > 0 && Integer.bitCount(tile) == 1) {
                    return Math.ceil((double) kernels / tile) * tile / kernels;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException("unknown kernel dependence '" + name + "'; allowed: inverse, log, tileN "
                + "(N a power of two)");
    }

    /** Energy of a convolution with {@code kernels} output channels and {@code macs} MACs over the batch, mJ. */
    public double conv(long macs, int kernels) {
        return macs * (alpha + beta * f(kernelDependence, kernels));
    }

    /** Energy of a fully connected layer with {@code macs} MACs over the batch, mJ. */
    public double fc(long macs) {
        return gamma * macs;
    }
}
