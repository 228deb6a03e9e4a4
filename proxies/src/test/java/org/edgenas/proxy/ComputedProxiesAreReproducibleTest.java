package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.edgenas.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * Every computed proxy gives NAS-Bench-201 architectures the same score, bit for bit, in this (JIT-warmed) JVM and in
 * fresh JVMs on 1 and 2 threads and with narrower vectors. Fresh JVMs also keep any score cache out of the
 * comparison: each computes every score itself. (Before every reduction had a fixed order, four fresh JVMs gave
 * four different sets of scores.)
 */
class ComputedProxiesAreReproducibleTest {

    @Test
    void scoresAreTheSameBitsInFreshJvmsOnOneAndTwoThreads() throws Exception {
        ProxyScores.warmUp();
        List<String> here = ProxyScores.lines(1);
        assertEquals(4 * ProxyScores.ARCHITECTURES.size(), here.size());
        for (String threads : List.of("1", "2")) {
            assertEquals(here, lines(ChildJvm.of(ProxyScores.class).run(threads).stdout()), threads + " thread(s)");
        }
        assertEquals(here, lines(ChildJvm.of(ProxyScores.class).jvmOptions("-XX:MaxVectorSize=16").run("2")
                .stdout()), "4-float vectors");
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
