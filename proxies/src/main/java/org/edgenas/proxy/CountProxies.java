package org.edgenas.proxy;

import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;

/**
 * The two counting proxies: bigger networks tend to be more accurate, which makes size a cheap, surprisingly strong
 * baseline (FLOPs alone rank NAS-Bench-201 on CIFAR-10 with Spearman 0.75).
 */
public final class CountProxies {

    private CountProxies() {
    }

    /** {@code flops}: scores by multiply-accumulates per image (FLOPs = 2 x MACs; the order is the same). */
    public static final class Flops implements ProxyProvider, AccuracyProxy {
        @Override
        public String name() {
            return "flops";
        }

        @Override
        public String description() {
            return "multiply-accumulates per image (more compute ranks higher)";
        }

        @Override
        public AccuracyProxy create(Parameters parameters, SearchSpace space) {
            return this;
        }

        @Override
        public double score(Architecture a) {
            return a.macs();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** {@code params}: scores by trainable parameter count. */
    public static final class Params implements ProxyProvider, AccuracyProxy {
        @Override
        public String name() {
            return "params";
        }

        @Override
        public String description() {
            return "trainable parameters (more parameters rank higher)";
        }

        @Override
        public AccuracyProxy create(Parameters parameters, SearchSpace space) {
            return this;
        }

        @Override
        public double score(Architecture a) {
            return a.params();
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
