package org.edgenas.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.energy.profile.Extrapolation;

/**
 * How many of a set of networks (e.g. those a search evaluated) lie outside their board's calibration data, and what
 * lies outside, merged over all of them (see {@link Extrapolation#merge}).
 *
 * @param networks networks checked
 * @param outside  networks with something outside
 * @param merged   what lies outside, over all of them
 */
public record DomainShare(int networks, int outside, Extrapolation merged) {

    /** Checks every network of {@code architectures} at {@code batch} against {@code model}'s calibration domain. */
    public static DomainShare of(EnergyModel model, List<Architecture> architectures, int batch) {
        List<Extrapolation> all = new ArrayList<>(architectures.size());
        int outside = 0;
        for (Architecture a : architectures) {
            Extrapolation x = model.estimate(a, batch).extrapolation();
            if (!x.inside()) {
                outside++;
                all.add(x);
            }
        }
        return new DomainShare(architectures.size(), outside, Extrapolation.merge(all));
    }

    /** The share of networks outside, in [0, 1] (0 for none checked). */
    public double share() {
        return networks == 0 ? 0 : (double) outside / networks;
    }

    /** One line for a user: how many lie outside the calibration data of {@code board}, and what. */
    public String warning(String board) {
        return String.format(Locale.ROOT, "warning: %d of %d evaluated networks (%.0f %%) lie outside the calibration "
                + "data of board %s, where its figures rest on the board's physical floors: %s", outside, networks,
                100 * share(), board, merged.describe());
    }

    /** The record for a run's {@code run.json}: {@code networks}, {@code outside}, {@code share}, {@code what}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("networks", networks);
        m.put("outside", outside);
        m.put("share", share());
        m.put("what", merged.describe());
        return m;
    }
}
