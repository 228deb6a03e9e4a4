package org.edgenas.energy.profile;

import java.util.List;
import java.util.Optional;

/**
 * How the per-MAC energy of a convolution depends on its number of kernels K in the {@code paper} form (see
 * {@link PaperCoefficients}). Written in profile files as {@code inverse}, {@code log} or {@code tileN}; that text is
 * parsed once, when a profile is read.
 */
public sealed interface KernelDependence {

    /** f(K) for a convolution with {@code kernels} output channels. */
    double at(int kernels);

    /** The name written in profile files. */
    String key();

    /** f(K) = 1 / K. */
    record Inverse() implements KernelDependence {
        @Override
        public double at(int kernels) {
            return 1.0 / kernels;
        }

        @Override
        public String key() {
            return "inverse";
        }
    }

    /** f(K) = ln K. */
    record Log() implements KernelDependence {
        @Override
        public double at(int kernels) {
            return Math.log(kernels);
        }

        @Override
        public String key() {
            return "log";
        }
    }

    /**
     * f(K) = ceil(K / N) N / K: the share of GPU tiles of N output channels that K kernels occupy, so that K f(K) (the
     * work the tiles do) never falls as K grows.
     *
     * @param size N, a power of two
     */
    record Tile(int size) implements KernelDependence {
        public Tile {
            if (size < 1 || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("tile size must be a power of two, got " + size);
            }
        }

        @Override
        public double at(int kernels) {
            return Math.ceil((double) kernels / size) * size / kernels;
        }

        @Override
        public String key() {
            return "tile" + size;
        }
    }

    /** The dependences tried when fitting, in order. */
    List<KernelDependence> CANDIDATES = List.of(new Inverse(), new Log(), new Tile(8), new Tile(16), new Tile(32),
            new Tile(64));

    /** The dependence written as {@code key} ({@code inverse}, {@code log}, {@code tileN} with N a power of two). */
    static Optional<KernelDependence> parse(String key) {
        if (key.equals("inverse")) {
            return Optional.of(new Inverse());
        }
        if (key.equals("log")) {
            return Optional.of(new Log());
        }
        if (key.matches("tile[1-9][0-9]{0,5}")) {
            int n = Integer.parseInt(key.substring(4));
            if (Integer.bitCount(n) == 1) {
                return Optional.of(new Tile(n));
            }
        }
        return Optional.empty();
    }
}
