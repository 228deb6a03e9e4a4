package org.edgenas.energy;

import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.plugin.Plugin;

/**
 * Makes the energy models of one profile form: the seam for a cost model of your own. A profile names its form in
 * {@code "form"}, and {@link Boards#model} hands the profile's {@code "coefficients"} section to the provider of that
 * name. The built-in forms {@code layerwise} and {@code paper} register this way; register yours in
 * {@code META-INF/services/org.edgenas.energy.EnergyModelProvider} of a jar on the class path, and any profile that
 * names it works in {@code ./nas estimate}, {@code ./nas run} and on cluster workers, with no change to this project.
 *
 * @apiNote {@link #name()} is the form as written in profiles. {@link #create} reads the coefficients through the
 * {@link Parameters} it is given (typed, range-checked accessors whose errors name the profile file and the key; keys
 * it does not ask for are reported as unknown), keeps no reference to them, and returns an immutable, thread-safe
 * model. It need not enforce physics: {@link Boards#model} wraps every model in the board's limits (no layer faster
 * than its roofline, no layer cheaper than static power over that time, no network above the maximum power) and its
 * calibration domain.
 *
 * {@snippet :
 * // profile: {"form": "per-mac", "coefficients": {"ms_per_mac": 2e-9, "watts": 5}, ...}
 * public final class PerMacProvider implements EnergyModelProvider {
 *     public String name() { return "per-mac"; }
 *     public String description() { return "latency = ms_per_mac x MACs; energy = watts x latency"; }
 *     public EnergyModel create(BoardProfile profile, Parameters c) {
 *         double msPerMac = c.number("ms_per_mac", 0, 0, 1);  // ConfigException naming file and key if bad
 *         double watts = c.number("watts", 0, 0, profile.hardware().maxPowerW());
 *         return new PerMacModel(profile.name(), msPerMac, watts);  // your EnergyModel
 *     }
 * }
 * }
 */
public interface EnergyModelProvider extends Plugin {

    /**
     * The model {@code profile} describes, its coefficients read from {@code coefficients}.
     *
     * @throws org.edgenas.config.ConfigException for a missing, mistyped or out-of-range coefficient
     */
    EnergyModel create(BoardProfile profile, Parameters coefficients);
}
