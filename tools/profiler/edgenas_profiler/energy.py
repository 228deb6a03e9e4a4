"""Pure energy arithmetic: integrating sampled power, differencing energy counters, idle subtraction, statistics.

Units: time in seconds (s), power in watts (W), energy in millijoules (mJ), latency in milliseconds (ms).
W x s = J, so an integral of W over s is multiplied by 1000 to give mJ; W x ms = mJ.
"""

import math


class MeasurementError(Exception):
    """A measurement that cannot be trusted (sensor gap, counter reset); the row is not written."""


def integrate_mj(samples, t0, t1):
    """Energy in mJ between times ``t0`` and ``t1`` from power samples, by the trapezoid rule.

    ``samples`` is a sequence of ``(t_s, power_w)`` in increasing time. Power is taken to vary linearly between
    samples, so the values at ``t0`` and ``t1`` are interpolated from the samples around them. Raises
    ``MeasurementError`` unless some sample lies at or before ``t0`` and some at or after ``t1``.
    """
    if t1 < t0:
        raise ValueError("window ends (%r) before it starts (%r)" % (t1, t0))
    if not samples or samples[0][0] > t0 or samples[-1][0] < t1:
        span = "no samples" if not samples else "samples cover %.6f..%.6f s" % (samples[0][0], samples[-1][0])
        raise MeasurementError("power samples do not cover the window %.6f..%.6f s (%s)" % (t0, t1, span))
    joules = 0.0
    prev_t, prev_p = t0, power_at(samples, t0)
    for t, p in samples:
        if t <= t0:
            continue
        if t >= t1:
            break
        joules += (prev_p + p) / 2.0 * (t - prev_t)
        prev_t, prev_p = t, p
    end_p = power_at(samples, t1)
    joules += (prev_p + end_p) / 2.0 * (t1 - prev_t)
    return joules * 1000.0


def power_at(samples, t):
    """Power in W at time ``t``, linearly interpolated between the two samples around it (``t`` must be covered)."""
    lo, hi = 0, len(samples) - 1
    if t <= samples[0][0]:
        return samples[0][1]
    if t >= samples[hi][0]:
        return samples[hi][1]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if samples[mid][0] <= t:
            lo = mid
        else:
            hi = mid
    (ta, pa), (tb, pb) = samples[lo], samples[hi]
    if tb == ta:
        return pb
    return pa + (pb - pa) * (t - ta) / (tb - ta)


def counter_difference_mj(start_mj, end_mj):
    """Energy in mJ between two readings of a cumulative energy counter (such as NVML's total-energy counter).

    Raises ``MeasurementError`` when the counter went backwards (driver reload or wrap-around): the window's
    energy is then unknown.
    """
    if end_mj < start_mj:
        raise MeasurementError("energy counter went backwards from %d to %d mJ (driver reloaded or counter wrapped);"
                               " the window's energy is unknown" % (start_mj, end_mj))
    return float(end_mj - start_mj)


def mean_power_w(energy_mj, seconds):
    """Mean power in W of ``energy_mj`` spent over ``seconds``."""
    if seconds <= 0:
        raise ValueError("a power window needs a positive duration, got %r s" % seconds)
    return energy_mj / seconds / 1000.0


def dynamic_mj(total_mj, idle_w, latency_ms):
    """Dynamic energy in mJ per inference: the total minus what the idle board draws in the same time.

    ``idle_w`` x ``latency_ms`` is in mJ. The result is negative when a layer costs less than the idle
    measurement's noise; it is reported as measured, never clipped.
    """
    return total_mj - idle_w * latency_ms


def median(values):
    """Median of a non-empty sequence of numbers."""
    s = sorted(values)
    if not s:
        raise ValueError("median of no values")
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2.0


def spread_pct(values):
    """Spread of repeated measurements: (max - min) / |median| in percent (0 for a single value)."""
    m = median(values)
    if len(values) < 2:
        return 0.0
    if m == 0:
        return math.inf
    return (max(values) - min(values)) / abs(m) * 100.0
