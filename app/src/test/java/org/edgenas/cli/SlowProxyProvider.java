package org.edgenas.cli;

import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.ProxyContext;
import org.edgenas.proxy.ProxyProvider;

/** Test proxy {@code test-slow}: the parameter count, after sleeping {@code delay_ms}, so a run can be killed mid-way. */
public final class SlowProxyProvider implements ProxyProvider {

    /** Architectures scored in this JVM, so tests can tell how much work a run did. */
    static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String name() {
        return "test-slow";
    }

    @Override
    public String description() {
        return "test only: params after a delay";
    }

    @Override
    public AccuracyProxy create(Parameters p, ProxyContext context) {
        int delay = p.integer("delay_ms", 10, 0, 10_000);
        return new AccuracyProxy() {
            @Override
            public String name() {
                return "test-slow";
            }

            @Override
            public double score(Architecture a) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                CALLS.incrementAndGet();
                return a.params();
            }
        };
    }
}
