package org.edgenas.energy.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.edgenas.arch.Architecture;

/** How a runtime treats a network's graph, which decides what it executes (see {@link ExecutionGraph}). */
public enum Execution {
    /**
     * Dead code removed, constant layers charged separately (they may be folded or run), as TensorRT and ONNX Runtime
     * do.
     */
    OPTIMISED,
    /** Every layer runs, as PyTorch eager mode does. */
    EAGER;

    /** The name used in profile files and on the command line ({@code optimised}, {@code eager}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The roles a runtime of this kind gives the layers of {@code a}. */
    public ExecutionGraph graph(Architecture a) {
        return this == EAGER ? ExecutionGraph.eager(a) : ExecutionGraph.of(a);
    }

    /** Every key, for messages. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Execution::key).toList();
    }

    /** The execution called {@code key}, or empty. */
    public static java.util.Optional<Execution> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key().equals(key)).findFirst();
    }
}
