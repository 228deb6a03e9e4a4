package org.edgenas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.junit.jupiter.api.Test;

class FrontPlotTest {

    @Test
    void candidatesWithoutFiniteObjectivesAreLeftOutOfThePlot() throws IOException {
        Evaluation best = new Evaluation("a", 10, 5, 1, 100, 10, 0, 0);
        Evaluation worse = new Evaluation("b", 5, 6, 1, 100, 10, 0, 0);
        Evaluation failed = new Evaluation("c", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, 100, 10, Double.POSITIVE_INFINITY, 0);
        byte[] png = FrontPlot.png(FrontPlot.chart("t", List.of(best, failed, worse), List.of(best), List.of(),
                Objective.ENERGY_MJ, Objective.ACCURACY, "accuracy"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "a PNG image");
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
    }
}
