"""How many networks to measure: advice for a sweep's plan, from EdgeNAS's few-shot study.

The figures are medians over seeds 1-5 of held-out Spearman from ``./nas bench org.edgenas.bench.FewShotStudy``
(results/energy/fewshot.md, docs/energy.md "How many networks to measure"): fits of ``./nas calibrate --max-rows N
--prior BOARD`` on N calibration networks of NB201, for the runtime closest to a new board's (``similar``: another
runtime on the same board or the same runtime on a similar board was calibrated) and the hardest case measured
(``unlike``: no calibrated profile resembles it). Regenerate the study and update them together.
"""

# N -> (similar: Pi 5 LiteRT energy with the Pi 5 ONNX profile as prior, unlike: Jetson TX2 latency, Nano prior)
STUDY = ((5, 0.908, 0.771), (10, 0.937, 0.756), (20, 0.943, 0.800), (50, 0.947, 0.903), (100, 0.946, 0.905),
         (200, 0.950, 0.925))
# Spearman of the same fits on all calibration rows (1012 TX2, about 6000 Pi 5 networks)
ALL_ROWS = (0.953, 0.927)

SIMILAR = 20
UNLIKE = 50


def advice(calibration_networks):
    """Text lines: what the study says about a sweep with this many distinct calibration networks."""
    lines = ["  sample size: %d calibration networks. With a similar board's profile as --prior, ./nas calibrate "
             "needs about %d; for a board unlike any calibrated one, about %d (docs/energy.md, \"How many networks "
             "to measure\"). Held-out Spearman of NB201 fits, median of 5 seeds:" % (calibration_networks, SIMILAR,
                                                                                      UNLIKE)]
    lines.append("    %-6s %-9s %-9s" % ("N", "similar", "unlike"))
    for n, similar, unlike in STUDY:
        mark = "  <- this sweep" if _closest(calibration_networks) == n else ""
        lines.append("    %-6d %-9.3f %-9.3f%s" % (n, similar, unlike, mark))
    lines.append("    %-6s %-9.3f %-9.3f" % ("all", ALL_ROWS[0], ALL_ROWS[1]))
    if calibration_networks < SIMILAR:
        lines.append("  warning: fewer than %d calibration networks; add networks (or lower networks."
                     "validation_fraction) unless a close prior exists" % SIMILAR)
    return lines


def _closest(n):
    """The study's sample size nearest to n (in ratio), or None when n is 0."""
    if n <= 0:
        return None
    return min((size for size, _, _ in STUDY), key=lambda size: max(size, n) / float(min(size, n)))
