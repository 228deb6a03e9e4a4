package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.edgenas.energy.fit.CrossValidation;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void rowsOfOneGroupShareAFold() {
        List<String> groups = List.of("a", "b", "a", "c", "b", "d", "e", "a");
        int[] fold = CrossValidation.folds(groups, 3, 7);
        for (int i = 0; i < groups.size(); i++) {
            for (int j = 0; j < groups.size(); j++) {
                if (groups.get(i).equals(groups.get(j))) {
                    assertEquals(fold[i], fold[j], groups.get(i));
                }
            }
        }
    }

    @Test
    void foldsAreBalancedOverGroups() {
        int[] fold = CrossValidation.folds(10, 5, 3);
        int[] count = new int[5];
        for (int f : fold) {
            count[f]++;
        }
        assertArrayEquals(new int[] {2, 2, 2, 2, 2}, count);
    }

    @Test
    void everyRowIsPredictedByAModelThatNeverSawIt() {
        // the "model" predicts the number of rows it was trained on that share the row's fold: always 0 out of fold
        int[] fold = CrossValidation.folds(12, 4, 1);
        double[] p = CrossValidation.predict(fold, i -> true, train -> i -> {
            int seen = 0;
            for (int j = 0; j < fold.length; j++) {
                seen += train.test(j) && fold[j] == fold[i] ? 1 : 0;
            }
            return seen;
        });
        assertArrayEquals(new double[12], p);
    }
}
