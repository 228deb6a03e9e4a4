package org.edgenas.testplugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A board profile whose model is a plug-in form: {@code test-per-mac} (energy's test jar,
 * {@code org.edgenas.energy.PerMacTestForm}, registered only there), each layer taking 1e-8 ms per MAC at 5 W.
 */
public final class PerMacBoard {

    private PerMacBoard() {
    }

    /**
     * Writes the profile into {@code dir} and returns its path. Hardware limits: 1e12 MAC/s and element operations per
     * second, 1e11 B/s, 1 MiB cache, 2 W static, 30 W at most.
     */
    public static Path write(Path dir) throws IOException {
        return Files.writeString(dir.resolve("per-mac.json"), """
                {"format": "edgenas-board-profile", "version": 2, "name": "per-mac", "calibrated": true,
                 "form": "test-per-mac", "precision": "FP32", "execution": "eager",
                 "hardware": {"peak_macs_per_s": 1e12, "memory_bytes_per_s": 1e11, "cache_bytes": 1048576,
                              "static_power_w": 2, "max_power_w": 30},
                 "coefficients": {"ms_per_mac": 1e-8, "watts": 5}}
                """);
    }
}
