package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.edgenas.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * Every number the engine computes is the same, bit for bit, whatever the thread count, the JIT's state (interpreted
 * or compiled code), the vector width and the JVM: each reduction runs in a fixed order ({@link EngineDigest} covers
 * each kind of kernel, forward and backward).
 */
class DeterministicKernelsTest {

    @Test
    void bitsDoNotDependOnTheThreadCount() {
        String one = EngineDigest.digest(1);
        assertEquals(one, EngineDigest.digest(2), "2 threads");
        assertEquals(one, EngineDigest.digest(3), "3 threads");
    }

    @Test
    void bitsDoNotChangeAsTheJitCompilesTheKernels() {
        String first = EngineDigest.digest(1);
        for (int run = 1; run < 300; run++) {
            assertEquals(first, EngineDigest.digest(run % 2 + 1), "run " + run);
        }
    }

    @Test
    void interpretedJvmsAndJvmsWithNarrowerVectorsComputeTheSameBits() throws Exception {
        for (int run = 0; run < 300; run++) {
            EngineDigest.digest(run % 2 + 1); // compile the kernels here (the JIT's vector intrinsics)
        }
        String here = EngineDigest.digest(2);
        List<String> interpreted = lines(ChildJvm.of(EngineDigest.class).jvmOptions("-Xint").run("1", "2").stdout());
        assertEquals(List.of(String.valueOf(Gemm.LANES), here, here), interpreted, "interpreted (-Xint)");
        for (int floats = 4; floats < Gemm.LANES; floats *= 2) {
            List<String> narrow = lines(ChildJvm.of(EngineDigest.class)
                    .jvmOptions("-XX:MaxVectorSize=" + 4 * floats).run("1", "2").stdout());
            assertEquals(List.of(String.valueOf(floats), here, here), narrow, floats + "-float vectors");
        }
    }

    @Test
    void theDigestSeesADifferenceOfOneBit() {
        // guards the tests above: a digest that ignored the numbers would make them pass vacuously
        String before = EngineDigest.digest(1);
        EngineDigest.PERTURB.set(true);
        try {
            assertNotEquals(before, EngineDigest.digest(1));
        } finally {
            EngineDigest.PERTURB.set(false);
        }
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
