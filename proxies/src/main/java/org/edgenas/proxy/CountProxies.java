package org.edgenas.proxy;

import java.util.function.ToLongFunction;
import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;

/**
 * The two counting proxies: bigger networks tend to be more accurate, which makes size a cheap, surprisingly strong
 * baseline (FLOPs alone rank NAS-Bench-201 on CIFAR-10 with Spearman 0.75). Each is its own provider: it has no
 * settings, and is the same proxy for every space.
 */
public final class CountProxies {

    private CountProxies() {
    }

    /** A proxy that scores an architecture by one of its counts. */
    private abstract static class Count implements ProxyProvider, AccuracyProxy {
        private final String name;
        private final String description;
        private final ToLongFunction<Architecture> count;

        Count(String name, String description, ToLongFunction<Architecture> count) {
            this.name = name;
            this.description = description;
            this.count = count;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public AccuracyProxy create(Parameters parameters, ProxyContext context) {
            return this;
        }

        @Override
        public double score(Architecture a) {
            return count.applyAsLong(a);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code flops}: scores by multiply-accumulates per image (FLOPs = 2 x MACs; the order is the same). */
    public static final class Flops extends Count {
        public Flops() {
            super("flops", "multiply-accumulates per image (more compute ranks higher)", Architecture::macs);
        }
    }

    /** {@code params}: scores by trainable parameter count. */
    public static final class Params extends Count {
        public Params() {
            super("params", "trainable parameters (more parameters rank higher)", Architecture::params);
        }
    }
}
