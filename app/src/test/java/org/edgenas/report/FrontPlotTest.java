package org.edgenas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.edgenas.search.Constraints;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.junit.jupiter.api.Test;

/**
 * The front plot draws feasible and infeasible candidates apart, the front and the true front, the constraint on its
 * x objective, leaves out what has no finite point, switches to log axes over more than two decades, places labels
 * that do not overlap, and keeps its text as text in SVG.
 */
class FrontPlotTest {

    private static final Evaluation BEST = new Evaluation("a", 10, 5, 1, 100, 10, 0, 0);
    private static final Evaluation CHEAP = new Evaluation("d", 4, 2, 1, 100, 10, 0, 0);
    private static final Evaluation WORSE = new Evaluation("b", 5, 6, 1, 100, 10, 0, 0);
    private static final Evaluation OVER = new Evaluation("o", 12, 9, 1, 100, 10, 0.5, 0);
    private static final Evaluation FAILED = new Evaluation("c", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, 100, 10, Double.POSITIVE_INFINITY, 0);
    private static final Evaluation WORTHLESS = new Evaluation("e", Double.NEGATIVE_INFINITY, 1, 1, 100, 10, 0, 0);

    private static FrontPlot plot(List<Evaluation> reference, Constraints constraints) {
        // the front as Pareto.front orders it: cheapest first
        return FrontPlot.of("t", List.of(BEST, FAILED, WORSE, CHEAP, WORTHLESS, OVER), List.of(CHEAP, BEST),
                reference, Objective.ENERGY_MJ, Objective.ACCURACY, "accuracy", constraints);
    }

    @Test
    void errorBarsSpanEachFrontPointsIntervalAndWidenTheAxis() {
        // d's energy interval [1, 3], a's [4, 11]: bars at their accuracy, from low to high, axis up to 11
        FrontPlot.Bars bars = new FrontPlot.Bars(e -> e == CHEAP ? new double[] {1, 3} : new double[] {4, 11},
                "80 % interval of energy_mj");
        FrontPlot p = FrontPlot.of("t", List.of(BEST, WORSE, CHEAP), List.of(CHEAP, BEST), List.of(),
                Objective.ENERGY_MJ, Objective.ACCURACY, "accuracy", new Constraints(null, null), bars);
        assertEquals(2, p.bars().size());
        Rectangle2D area = FrontPlot.AREA;
        var cheap = p.bars().get(0);
        assertEquals(area.getX() + p.xAxis().fraction(1) * area.getWidth(), cheap.getX1(), 1e-9);
        assertEquals(area.getX() + p.xAxis().fraction(3) * area.getWidth(), cheap.getX2(), 1e-9);
        assertEquals(cheap.getY1(), cheap.getY2(), 1e-12, "horizontal");
        assertEquals(area.getMaxY() - p.yAxis().fraction(4) * area.getHeight(), cheap.getY1(), 1e-9, "at d's accuracy");
        assertTrue(p.xAxis().fraction(11) <= 1 && p.xAxis().fraction(1) >= 0, "the axis holds every bar");
        assertTrue(p.legend().contains("80 % interval of energy_mj (bars)"), p.legend().toString());
    }

    @Test
    void feasibleAndInfeasibleCandidatesAreDrawnApartAndWorthlessOnesNotAtAll() {
        FrontPlot p = plot(List.of(), new Constraints(6.0, null));
        List<String> legend = p.legend();
        assertEquals("evaluated, feasible (1)", legend.get(0), "only b: a and d are the front");
        assertEquals("infeasible (1)", legend.get(1), "o, over max_energy_mj");
        assertEquals("Pareto front (2)", legend.get(2));
        assertEquals("max_energy_mj 6", legend.get(3));
        assertEquals("not drawn: 2 without a finite value", legend.get(4), "c failed, e scored -inf");
        assertEquals("(1 worthless, score -inf)", legend.get(5));
        // x: values 2, 5, 6, 9 and the limit 6, padded by 5 % of 7: [1.65, 9.35] over 570 px from x = 90
        Rectangle2D area = FrontPlot.AREA;
        assertEquals(90 + (6 - 1.65) / 7.7 * 570, p.xAxis().fraction(6) * area.getWidth() + area.getX(), 1e-9);
        assertFalse(p.xAxis().log() || p.yAxis().log(), "less than two decades: linear");
    }

    @Test
    void anAxisSpanningMoreThanTwoDecadesIsLogarithmic() {
        Evaluation tiny = new Evaluation("t", 3, 0.05, 1, 1, 1, 0, 0);
        Evaluation big = new Evaluation("g", 4, 20, 1, 1, 1, 0, 0);
        FrontPlot p = FrontPlot.of("t", List.of(tiny, big), List.of(tiny, big), List.of(), Objective.ENERGY_MJ,
                Objective.ACCURACY, "accuracy", Constraints.none());
        assertTrue(p.xAxis().log(), "energy spans 400x");
        assertFalse(p.yAxis().log(), "accuracy spans 1.3x");
        assertEquals(List.of(0.1, 1.0, 10.0), p.xAxis().ticks(), "decades");
        Evaluation zero = new Evaluation("z", 0, 30, 1, 1, 1, 0, 0);
        Evaluation high = new Evaluation("h", 1e6, 40, 1, 1, 1, 0, 0);
        assertFalse(FrontPlot.of("t", List.of(zero, high), List.of(zero, high), List.of(), Objective.ENERGY_MJ,
                Objective.ACCURACY, "a", Constraints.none()).yAxis().log(), "a zero score: no log axis");
    }

    @Test
    void labelsOfACrowdedFrontNeitherOverlapNorCoverPoints() {
        // 40 front points along a tight curve: many would collide if placed at the same offset
        List<Evaluation> front = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            front.add(new Evaluation("f" + i, 50 + 10 * Math.log1p(i), 1 + i * 0.05, 1, 1, 1, 0, 0));
        }
        FrontPlot p = FrontPlot.of("t", front, front, List.of(), Objective.ENERGY_MJ, Objective.ACCURACY, "a",
                Constraints.none());
        List<Rectangle2D> boxes = p.labels().stream().filter(b -> b != null).toList();
        assertTrue(boxes.size() >= 20, "most labels placed: " + boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            assertTrue(FrontPlot.AREA.contains(boxes.get(i)), "inside the plot");
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), "labels " + i + " and " + j + " overlap");
            }
            for (Point2D pt : p.frontPoints()) {
                assertFalse(boxes.get(i).contains(pt), "label " + i + " covers a front point");
            }
        }
        long leftOut = p.labels().stream().filter(b -> b == null).count();
        if (leftOut > 0) {
            assertTrue(p.legend().contains(leftOut + " front label(s) left out (crowded)"), p.legend().toString());
        }
    }

    @Test
    void theSvgKeepsItsTextAsText() {
        String svg = new String(plot(List.of(BEST), new Constraints(6.0, null)).svg(), StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            texts.add(m.group(1));
        }
        assertTrue(texts.contains("t"), "the title: " + texts);
        assertTrue(texts.contains("energy per image (mJ)") && texts.contains("accuracy"), texts.toString());
        assertTrue(texts.contains("1") && texts.contains("2"), "front labels: " + texts);
        assertTrue(texts.contains("max_energy_mj 6") && texts.contains("true front (1)"), texts.toString());
    }

    @Test
    void thePngHasThePlotsSize() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(plot(List.of(), Constraints.none()).png()));
        assertNotNull(image, "a PNG image");
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
    }
}
