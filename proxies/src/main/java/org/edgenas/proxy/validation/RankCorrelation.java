package org.edgenas.proxy.validation;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Rank agreement between proxy scores and measured accuracy (Commons Math): Spearman's rho (Pearson correlation of
 * ranks, ties given their average rank) and Kendall's tau-b. Scores may be negative infinity (ranked lowest), never
 * NaN.
 *
 * @param spearman Spearman's rank correlation, in [-1, 1]
 * @param kendall  Kendall's tau-b, in [-1, 1]
 */
public record RankCorrelation(double spearman, double kendall) {

    /**
     * The correlations of {@code scores} with {@code accuracy}.
     *
     * @throws IllegalArgumentException if the lengths differ, fewer than 2 values are given, or a score is NaN
     */
    public static RankCorrelation of(double[] scores, double[] accuracy) {
        if (scores.length != accuracy.length || scores.length < 2) {
            throw new IllegalArgumentException("need two arrays of equal length >= 2, got " + scores.length + " and "
                    + accuracy.length);
        }
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN");
            }
        }
        double rho = new SpearmansCorrelation(new NaturalRanking(TiesStrategy.AVERAGE)).correlation(scores, accuracy);
        double tau = new KendallsCorrelation().correlation(scores, accuracy);
        return new RankCorrelation(rho, tau);
    }

    /**
     * The mean, per architecture, of its rank under each score (ties averaged): the population-level combination
     * used to judge a per-architecture ensemble against.
     */
    public static double[] meanRank(java.util.List<double[]> scores) {
        NaturalRanking ranking = new NaturalRanking(TiesStrategy.AVERAGE);
        double[] mean = new double[scores.getFirst().length];
        for (double[] s : scores) {
            double[] r = ranking.rank(s);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += r[i] / scores.size();
            }
        }
        return mean;
    }
}
