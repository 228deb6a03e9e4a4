package org.edgenas.engine;

/**
 * One thread's working memory, allocated once per network for the largest layer, so that kernels allocate nothing.
 * Convolutions and pooling use it.
 */
final class Scratch {

    /** A packed strip of im2col columns for the forward pass. */
    final float[] panel;
    /** Output columns computed before they are copied to their place. */
    final float[] tile;
    /** Rows of an im2col matrix, for the weight gradient. */
    final float[] columns;
    /** The gradient of a whole im2col matrix, before it is scattered back. */
    final float[] columnGradient;
    /** The rows of a weight gradient (transposed) that one work item accumulates over the batch. */
    final float[] weightGradientBlock;
    /** A zero-padded, phase-split channel plane, for depthwise convolutions. */
    final float[] phased;
    /** The gradient of a phase-split plane. */
    final float[] phasedGradient;
    /** One padded image row, for pooling. */
    final float[] row;
    /** Origins of output positions, for im2col. */
    final int[] rowOrigin;
    final int[] colOrigin;

    Scratch(Sizes s) {
        panel = new float[s.panel];
        tile = new float[s.tile];
        row = new float[s.row];
        columns = new float[s.columns];
        columnGradient = new float[s.columnGradient];
        weightGradientBlock = new float[s.weightGradientBlock];
        phased = new float[s.phased];
        phasedGradient = new float[s.phasedGradient];
        rowOrigin = new int[s.origins];
        colOrigin = new int[s.origins];
    }

    /** The scratch sizes a network needs: the maximum over its ops. */
    static final class Sizes {
        int panel;
        int tile;
        int row;
        int columns;
        int columnGradient;
        int weightGradientBlock;
        int phased;
        int phasedGradient;
        int origins;
        /** Floats of the one zero-padded copy of a layer's input that the network keeps (not per thread). */
        int padded;
        /** Floats of the one transposed output gradient of a layer, for the whole batch (not per thread). */
        int outputT;
    }
}
