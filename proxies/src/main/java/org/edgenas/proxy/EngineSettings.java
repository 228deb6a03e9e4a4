package org.edgenas.proxy;

import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.engine.Workers;
import org.edgenas.proxy.images.Fit;
import org.edgenas.proxy.images.ImageSource;

/**
 * Reads the settings shared by the evaluators that run networks (the {@code naswot}, {@code synflow} and
 * {@code logsynflow} proxies, the {@code train} evaluator), each with a precise error naming the config file, line
 * and key.
 * <ul>
 *   <li>{@code seed} [0]: seeds the Kaiming-normal weights (and, through a derived seed, the input batch)</li>
 *   <li>{@code threads} [1]: threads one architecture's passes run on; 0 = all cores. Scores do not depend on it.</li>
 *   <li>{@code batch}: images per forward pass (data-dependent proxies only), 1..4096</li>
 *   <li>{@code input} [synthetic]: {@code synthetic} (seeded smooth grey noise,
 *       {@link ImageSource.Synthetic}) or the path of an IDX image file
 *       (MNIST, Fashion-MNIST; gzip allowed) or a CIFAR-10 binary batch</li>
 *   <li>{@code fit} [resize]: {@code resize} (bilinear) or {@code pad} (centred padding or cropping) to bring file
 *       images to the network's input size</li>
 * </ul>
 */
public final class EngineSettings {

    /** The largest batch accepted. */
    public static final int MAX_BATCH = 4096;

    private EngineSettings() {
    }

    /** {@code seed} [0]. */
    public static long seed(Parameters p) {
        return p.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** {@code threads} [1], 0 meaning all cores. */
    public static int threads(Parameters p) {
        int t = p.integer("threads", 1, 0, 256);
        return t == 0 ? Runtime.getRuntime().availableProcessors() : t;
    }

    /** {@code batch} [{@code fallback}], 1..{@link #MAX_BATCH}. */
    public static int batch(Parameters p, int fallback) {
        return p.integer("batch", fallback, 1, MAX_BATCH);
    }

    /** {@code fit} [{@code resize}]: how images of another size are brought to the network's input. */
    public static Fit fit(Parameters p) {
        String fit = p.choice("fit", Fit.RESIZE.key(), List.of(Fit.RESIZE.key(), Fit.PAD.key()));
        return Fit.valueOf(fit.toUpperCase(java.util.Locale.ROOT));
    }

    static ImageSource input(Parameters p) {
        String input = p.string("input", "synthetic");
        Fit fit = fit(p);
        if (input.equals("synthetic")) {
            return ImageSource.synthetic();
        }
        try {
            return ImageSource.file(p.file("input", "an image file or 'synthetic'"), fit);
        } catch (ConfigException e) {
            throw p.error("input", e.getMessage() + " (input is 'synthetic' or an image file)");
        }
    }

    /** Workers for {@code threads} threads, after checking that the engine can run in this JVM. */
    public static Workers workers(String proxy, int threads) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new ConfigException("proxy " + proxy + " runs networks with the Vector API: start the JVM with "
                    + "--add-modules jdk.incubator.vector (./nas does)");
        }
        return Workers.of(threads);
    }

    /** The seed of the input batch, derived from the weight seed so that the two random streams differ. */
    static long inputSeed(long seed) {
        return seed ^ 0x9E3779B97F4A7C15L;
    }
}
