package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * How well a fitted model predicts measurements it was not fitted on.
 *
 * @param target       what was predicted, e.g. {@code latency_ms} or {@code energy_mj}
 * @param rows         which rows: {@code validation} (held out, never fitted) or e.g. {@code 5-fold-cv} (calibration
 *                     rows, each predicted by a fit on the other folds), with the data they come from
 * @param n            number of rows compared
 * @param mapePct      mean absolute percentage error, %
 * @param spearman     Spearman rank correlation of predicted vs measured
 * @param maxApePct    largest absolute percentage error, %
 * @param macsSpearman Spearman rank correlation of MACs vs measured on the same rows (the baseline a model should
 *                     beat), or null where not recorded
 */
public record FitError(String target, String rows, int n, double mapePct, double spearman, double maxApePct,
                       Double macsSpearman) {

    /** Reads one entry of a profile's {@code errors} list. */
    public static FitError read(Parameters p) {
        FitError e = new FitError(p.requiredString("target", "what was predicted"),
                p.requiredString("rows", "which rows were compared"), p.integer("n", 0, 0, Integer.MAX_VALUE),
                p.number("mape_pct", Double.NaN, 0, Double.MAX_VALUE), p.number("spearman", Double.NaN, -1, 1),
                p.number("max_ape_pct", Double.NaN, 0, Double.MAX_VALUE),
                p.has("macs_spearman") ? p.number("macs_spearman", 0, -1, 1) : null);
        p.requireNoUnknownKeys();
        return e;
    }

    /** The entry as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("rows", rows);
        m.put("n", n);
        m.put("mape_pct", mapePct);
        m.put("spearman", spearman);
        m.put("max_ape_pct", maxApePct);
        if (macsSpearman != null) {
            m.put("macs_spearman", macsSpearman);
        }
        return m;
    }
}
