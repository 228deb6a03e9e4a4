/**
 * A pure-Java CNN execution engine: an {@link org.edgenas.arch.Architecture} compiled into a
 * {@link org.edgenas.engine.Network} runs forward and backward passes on float tensors, its kernels vectorised with
 * the JDK's Vector API and split into work items over {@link org.edgenas.engine.Workers}.
 *
 * <h2>Determinism: every reduction has a fixed order</h2>
 * The engine computes the same bits for the same inputs whatever the thread count, the scheduling of work items,
 * the vector width of the CPU and the JIT's state (interpreted, C1- or C2-compiled code). Proxy scores, and through
 * them whole searches, are reproducible only because of this. Every kernel, and every new layer kind, keeps these
 * rules:
 * <ul>
 *   <li>A value that sums many terms is computed by one work item, in an order fixed by the data's shape alone: never
 *       as per-thread partial sums combined afterwards, never in an order that depends on which thread took which
 *       item. (A convolution's weight gradient is therefore computed by items that own blocks of its rows and loop
 *       over the batch in image order, not by items per image.)</li>
 *   <li>Sums over arrays go through {@code Vectors.sum}, {@code Vectors.dot} and {@code Vectors.squaredDeviations},
 *       whose order (16 fixed accumulators, added as a fixed tree) does not depend on the vector width; matrix
 *       products go through {@code Gemm}, where each output element is one chain of fused multiply-adds in
 *       increasing order of the inner index, whatever the tile that computes it.</li>
 *   <li>{@code reduceLanes(VectorOperators.ADD)} (and {@code MUL}) is never used on floats: its order is unspecified
 *       and the JIT's intrinsic adds lanes in another order than the interpreter.</li>
 *   <li>An element computed in a vector body and in a scalar tail gets the same operation in both: a lane-wise
 *       {@code fma} in the body is {@code Math.fma} in the tail, never {@code a * b + c}.</li>
 * </ul>
 * {@code DeterministicKernelsTest} checks this on a network with every kernel: the same digest on 1, 2 and 3
 * threads, before and after the JIT compiles the kernels, in an interpreted JVM ({@code -Xint}) and in JVMs with
 * narrower vectors ({@code -XX:MaxVectorSize}).
 */
package org.edgenas.engine;
