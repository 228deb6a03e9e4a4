package org.edgenas.report;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places point labels so that no two overlap, none covers a marked point, and all stay inside the plot: each label
 * tries, in a fixed order, eight positions around its point (right, above right, above, above left, left, below left,
 * below, below right) at growing distances, and takes the first that is free; a label with no free position is left
 * out. Deterministic: the same points and label sizes give the same placement.
 */
final class LabelPlacer {

    /** Offsets of a label's nearest corner from its point, in multiples of the gap, tried in order. */
    private static final double[][] DIRECTIONS = {
        {1, 0}, {1, -1}, {0, -1}, {-1, -1}, {-1, 0}, {-1, 1}, {0, 1}, {1, 1}};

    /** Distances from the point tried, in pixels. */
    private static final double[] GAPS = {5, 14, 26};

    private LabelPlacer() {
    }

    /**
     * The box of each label (pixels, y down), or null for a label left out.
     *
     * @param anchors   the labelled points, in order of priority
     * @param widths    each label's width
     * @param height    a label's height
     * @param bounds    where labels must lie
     * @param obstacles boxes no label may cover (the markers of the labelled points and of other points)
     */
    static List<Rectangle2D> place(List<Point2D> anchors, List<Double> widths, double height, Rectangle2D bounds,
                                   List<Rectangle2D> obstacles) {
        List<Rectangle2D> taken = new ArrayList<>(obstacles);
        List<Rectangle2D> out = new ArrayList<>(anchors.size());
        for (int i = 0; i < anchors.size(); i++) {
            Rectangle2D chosen = null;
            for (int g = 0; g < GAPS.length && chosen == null; g++) {
                for (double[] d : DIRECTIONS) {
                    Rectangle2D box = box(anchors.get(i), widths.get(i), height, d, GAPS[g]);
                    if (bounds.contains(box) && taken.stream().noneMatch(box::intersects)) {
                        chosen = box;
                        break;
                    }
                }
            }
            out.add(chosen);
            if (chosen != null) {
                taken.add(chosen);
            }
        }
        return out;
    }

    /** The label box in direction {@code d} at distance {@code gap} from point {@code p}. */
    private static Rectangle2D box(Point2D p, double w, double h, double[] d, double gap) {
        double x = d[0] > 0 ? p.getX() + gap : d[0] < 0 ? p.getX() - gap - w : p.getX() - w / 2;
        double y = d[1] > 0 ? p.getY() + gap : d[1] < 0 ? p.getY() - gap - h : p.getY() - h / 2;
        return new Rectangle2D.Double(x, y, w, h);
    }
}
