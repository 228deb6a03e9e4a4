package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * Coefficients of the {@code paper} form, after Lahmer et al., "Energy Consumption of Neural Networks on NVIDIA Edge
 * Boards" (2022): a fully connected layer costs {@code gamma x MACs}; a convolution costs
 * {@code MACs x (alpha + beta x f(K))}, a slope that depends on its number of kernels K through a
 * {@link KernelDependence}; other layers cost nothing (the board's floors still apply). Energy in mJ, MACs over the
 * batch.
 *
 * @param gamma      FC energy per MAC, mJ
 * @param alpha      conv energy per MAC independent of K, mJ
 * @param beta       conv energy per MAC times f(K), mJ
 * @param dependence f
 */
public record PaperCoefficients(double gamma, double alpha, double beta, KernelDependence dependence) {

    public PaperCoefficients {
        if (!(gamma >= 0 && gamma <= Coefficients.MAX_PER_UNIT && alpha >= 0 && alpha <= Coefficients.MAX_PER_UNIT
                && beta >= 0 && beta <= Coefficients.MAX_PER_UNIT)) {
            throw new IllegalArgumentException("paper coefficients must be in [0, " + Coefficients.MAX_PER_UNIT
                    + "], got gamma=" + gamma + " alpha=" + alpha + " beta=" + beta);
        }
        java.util.Objects.requireNonNull(dependence, "dependence");
    }

    /** Energy of a convolution with {@code kernels} output channels and {@code macs} MACs over the batch, mJ. */
    public double conv(double macs, int kernels) {
        return macs * (alpha + beta * dependence.at(kernels));
    }

    /** Energy of a fully connected layer with {@code macs} MACs over the batch, mJ. */
    public double fc(double macs) {
        return gamma * macs;
    }

    /**
     * Reads {@code gamma}, {@code alpha}, {@code beta} and {@code kernel_dependence} from a profile section.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a bad value
     */
    public static PaperCoefficients read(Parameters p) {
        double max = Coefficients.MAX_PER_UNIT;
        double gamma = p.number("gamma", 0, 0, max);
        double alpha = p.number("alpha", 0, 0, max);
        double beta = p.number("beta", 0, 0, max);
        String f = p.requiredString("kernel_dependence", "inverse, log or tileN (N a power of two)");
        KernelDependence d = KernelDependence.parse(f).orElseThrow(() -> p.error("kernel_dependence", "'" + f
                + "' is not allowed; allowed: inverse, log, tileN (N a power of two)"));
        p.requireNoUnknownKeys();
        return new PaperCoefficients(gamma, alpha, beta, d);
    }

    /** The coefficients as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gamma", gamma);
        m.put("alpha", alpha);
        m.put("beta", beta);
        m.put("kernel_dependence", dependence.key());
        return m;
    }
}
