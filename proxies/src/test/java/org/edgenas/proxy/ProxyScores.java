package org.edgenas.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.nb201.Nb201Space;

/**
 * The raw bits of every computed proxy's score ({@code naswot}, {@code synflow}, {@code logsynflow},
 * {@code ensemble}) for a few architectures of NAS-Bench-201 (CIFAR-10 shape), as hexadecimal lines, so that JVMs can be compared. {@link #main} takes the proxies' thread count.
 */
public final class ProxyScores {

    static final SearchSpace SPACE = Nb201Space.cifar10();

    static final List<String> ARCHITECTURES = List.of(
            "|nor_conv_1x1~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|",
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|",
            "|avg_pool_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|");

    private ProxyScores() {
    }

    /**
     * Prints {@code proxy arch bits} lines for the thread count given as the first argument; with a second argument
     * {@code warm}, after {@link #warmUp}.
     */
    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("warm")) {
            warmUp();
        }
        lines(Integer.parseInt(args[0])).forEach(System.out::println);
    }

    /**
     * Scores other architectures (never those of {@link #lines}) with each proxy until the JIT has compiled the
     * engine's kernels with its vector intrinsics, whose float results used to differ from interpreted code.
     */
    static void warmUp() {
        for (String proxy : List.of("naswot", "synflow")) {
            Map<String, Object> settings = proxy.equals("naswot") ? Map.of("batch", 8, "seed", 99) : Map.of("seed", 99);
            AccuracyProxy p = AccuracyProxies.create(proxy, Parameters.of(settings), SPACE);
            for (int g = 0; g < 120; g++) {
                int[] genes = new int[6];
                for (int e = 0, v = g * 131; e < 6; e++, v /= 5) {
                    genes[e] = v % 5;
                }
                p.score(SPACE.decode(org.edgenas.space.Genotype.of(genes)));
            }
        }
    }

    /** One line per proxy and architecture: the proxy, the architecture's index and the score's raw bits. */
    static List<String> lines(int threads) {
        List<String> out = new ArrayList<>();
        for (String proxy : List.of("naswot", "synflow", "logsynflow", "ensemble")) {
            Map<String, Object> settings = switch (proxy) {
                case "naswot" -> Map.of("batch", 8, "threads", threads);
                case "ensemble" -> Map.of("batch", 8, "reference", 4, "threads", threads);
                default -> Map.of("threads", threads);
            };
            AccuracyProxy p = AccuracyProxies.create(proxy, Parameters.of(settings), SPACE);
            for (int i = 0; i < ARCHITECTURES.size(); i++) {
                double score = p.score(SPACE.parse(ARCHITECTURES.get(i)));
                out.add(proxy + " " + i + " " + Long.toHexString(Double.doubleToRawLongBits(score)));
            }
        }
        return out;
    }
}
