package org.edgenas.training;

/**
 * Softmax cross-entropy of a batch of logits, as PyTorch's {@code nn.CrossEntropyLoss} (mean over the batch), with
 * its gradient. Computed in double with the maximum logit subtracted, so large logits do not overflow.
 */
final class CrossEntropy {

    private CrossEntropy() {
    }

    /**
     * The mean loss of {@code batch} rows of {@code classes} logits, and its gradient with respect to the logits
     * ({@code (softmax - onehot) / batch}) written to {@code gradient}.
     */
    static double lossAndGradient(float[] logits, int[] labels, int batch, int classes, float[] gradient) {
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            int o = b * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += StrictMath.exp(logits[o + k] - max);
            }
            double logSum = StrictMath.log(sum) + max;
            loss += logSum - logits[o + labels[b]];
            for (int k = 0; k < classes; k++) {
                double p = StrictMath.exp(logits[o + k] - logSum);
                gradient[o + k] = (float) ((p - (k == labels[b] ? 1 : 0)) / batch);
            }
        }
        return loss / batch;
    }

    /** The index of the largest of {@code classes} logits at {@code logits[offset]} (the first on ties). */
    static int argmax(float[] logits, int offset, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (logits[offset + k] > logits[offset + best]) {
                best = k;
            }
        }
        return best;
    }
}
