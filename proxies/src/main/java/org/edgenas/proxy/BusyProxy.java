package org.edgenas.proxy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;

/**
 * {@code busy}: a synthetic proxy of known cost, for measuring how many evaluations per second a setup sustains (local
 * threads, cluster workers) before an expensive proxy runs on it. It keeps the calling thread busy for
 * {@code cost_ms} milliseconds of that thread's own CPU time, then scores like {@code flops} (multiply-accumulates per
 * image), so a search with it explores exactly as one with {@code flops} does.
 *
 * <p>CPU time, not wall time, is what is spent: on an oversubscribed machine an evaluation takes longer than
 * {@code cost_ms} of wall time, as a real proxy's would. Where the JVM cannot measure thread CPU time, wall time is
 * used instead.
 *
 * @param costMs CPU time spent per evaluation, ms
 */
public record BusyProxy(double costMs) implements AccuracyProxy {

    /** The largest {@code cost_ms} accepted: ten minutes. */
    public static final double MAX_COST_MS = 600_000;

    public BusyProxy {
        if (!(costMs >= 0 && costMs <= MAX_COST_MS)) {
            throw new IllegalArgumentException("cost_ms must be in [0, " + MAX_COST_MS + "], got " + costMs);
        }
    }

    @Override
    public String name() {
        return "busy";
    }

    @Override
    public double score(Architecture architecture) {
        spin((long) (costMs * 1_000_000));
        return architecture.macs();
    }

    /** Written after each stretch of arithmetic, so that the JIT cannot drop it. */
    private static volatile long sink;

    /**
     * Computes for {@code nanos} of this thread's CPU time, reading the clock (a system call of ~1 us) only every
     * ~15 us, so that the time is spent computing rather than in the kernel.
     */
    private static void spin(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        long x = start | 1;
        while ((cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start < nanos) {
            for (int i = 0; i < 5_000; i++) { // xorshift: a dependency chain the JIT cannot shorten
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink = x;
        }
    }

    /** Makes {@code busy} proxies; setting {@code cost_ms} (default 100). */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "busy";
        }

        @Override
        public String description() {
            return "spends cost_ms of CPU time, then scores like flops (for measuring evaluation throughput)";
        }

        @Override
        public AccuracyProxy create(Parameters parameters, ProxyContext context) {
            return new BusyProxy(parameters.number("cost_ms", 100, 0, MAX_COST_MS));
        }
    }
}
