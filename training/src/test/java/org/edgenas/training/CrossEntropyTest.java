package org.edgenas.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    @Test
    void lossAndGradientMatchTheSoftmaxByHand() {
        // row 0: logits (0, ln 3), label 1: softmax (1/4, 3/4), loss -ln(3/4)
        // row 1: logits (1000, 1000), label 0: softmax (1/2, 1/2), loss ln 2 (no overflow)
        float[] logits = {0, (float) Math.log(3), 1000, 1000};
        float[] gradient = new float[4];
        double loss = CrossEntropy.lossAndGradient(logits, new int[] {1, 0}, 2, 2, gradient);
        assertEquals((-Math.log(0.75) + Math.log(2)) / 2, loss, 1e-6);
        // (softmax - onehot) / batch
        assertArrayEquals(new float[] {0.125f, -0.125f, -0.25f, 0.25f}, gradient, 1e-6f);
    }

    @Test
    void argmaxTakesTheFirstOfEqualLogits() {
        assertEquals(1, CrossEntropy.argmax(new float[] {9, 0, 3, 3, 1}, 1, 4));
        assertEquals(0, CrossEntropy.argmax(new float[] {2, 2}, 0, 2));
    }

    @Test
    void cosineScheduleFallsFromTheRateToZero() {
        TrainingSettings s = new TrainingSettings(1, 2, 0.1, 0.9, 0, TrainingSettings.Schedule.COSINE, 0);
        assertEquals(0.1, s.learningRate(0, 10), 1e-12);
        assertEquals(0.05, s.learningRate(5, 10), 1e-12);
        assertEquals(0.1 * (1 + Math.cos(Math.PI * 0.9)) / 2, s.learningRate(9, 10), 1e-12);
        TrainingSettings c = new TrainingSettings(1, 2, 0.1, 0.9, 0, TrainingSettings.Schedule.CONSTANT, 0);
        assertEquals(0.1, c.learningRate(9, 10), 0);
    }
}
