"""The measurement method: idle power, warm-up, a window long enough for the sensor, repetitions.

A workload is anything with ``run(n)``: ``n`` forward passes, returning when the device has finished them.
"""

import time
from typing import NamedTuple, Tuple

from .energy import dynamic_mj, mean_power_w, median, spread_pct


class Repetition(NamedTuple):
    """One measurement window: ``iters`` forward passes in ``seconds``, ``energy_mj`` spent in it, and the idle
    power ``idle_w`` (W) subtracted for the dynamic figure."""

    iters: int
    seconds: float
    energy_mj: float
    idle_w: float

    def total_mj(self):
        """Energy per forward pass in mJ."""
        return self.energy_mj / self.iters

    def latency_ms(self):
        """Time per forward pass in ms."""
        return self.seconds / self.iters * 1000.0

    def dynamic_mj(self):
        """Energy per forward pass above idle, in mJ."""
        return dynamic_mj(self.total_mj(), self.idle_w, self.latency_ms())


class Measurement(NamedTuple):
    """The repetitions of one row; its figures are their medians."""

    repetitions: Tuple[Repetition, ...]

    def iters(self):
        """Forward passes in all windows."""
        return sum(r.iters for r in self.repetitions)

    def seconds(self):
        """Time in all windows, in s."""
        return sum(r.seconds for r in self.repetitions)

    def total_mj(self):
        """Median energy per forward pass, mJ."""
        return median([r.total_mj() for r in self.repetitions])

    def dynamic_mj(self):
        """Median energy per forward pass above idle, mJ."""
        return median([r.dynamic_mj() for r in self.repetitions])

    def latency_ms(self):
        """Median time per forward pass, ms."""
        return median([r.latency_ms() for r in self.repetitions])

    def spread_pct(self):
        """Spread of the total energy per forward pass over the repetitions: (max - min) / median, in %."""
        return spread_pct([r.total_mj() for r in self.repetitions])


class Measurer:
    """Measures workloads with a meter following a ``sweep.Method``; the clock and sleep are injectable."""

    def __init__(self, meter, method, clock=time.perf_counter, sleep=time.sleep):
        self.meter = meter
        self.method = method
        self._clock = clock
        self._sleep = sleep

    def window_s(self):
        """The measurement window in s: the method's, or ``sensor_periods`` sensor updates if that is longer."""
        return max(self.method.window_s, self.method.sensor_periods * self.meter.period_s())

    def resolution_pct(self):
        """Worst-case error of one window's energy from the sensor's update period: period / window, in %."""
        return 100.0 * self.meter.period_s() / self.window_s()

    def idle_w(self):
        """Idle power in W: after ``settle_s`` of rest, the mean power over ``idle_s`` with nothing running."""
        self._sleep(self.method.settle_s)
        a = self.meter.mark()
        self._sleep(self.method.idle_s)
        b = self.meter.mark()
        return mean_power_w(self.meter.energy_mj(a, b), b.t - a.t)

    def measure(self, workload, idle_w):
        """Warms ``workload`` up, then measures ``repetitions`` windows of it."""
        per_iter = self._warm_up(workload)
        window = self.window_s()
        chunk = max(1, int(window / 10.0 / per_iter)) if per_iter > 0 else 1
        reps = []
        for _ in range(self.method.repetitions):
            a = self.meter.mark()
            iters = 0
            while True:
                workload.run(chunk)
                iters += chunk
                if self._clock() - a.t >= window:
                    break
            b = self.meter.mark()
            reps.append(Repetition(iters, b.t - a.t, self.meter.energy_mj(a, b), idle_w))
        return Measurement(tuple(reps))

    def _warm_up(self, workload):
        """Runs the workload for ``warmup_s`` (at least 3 passes) in growing chunks; returns the time per pass."""
        start = self._clock()
        n = 1
        done = 0
        while True:
            t0 = self._clock()
            workload.run(n)
            elapsed = self._clock() - t0
            done += n
            per_iter = elapsed / n
            if self._clock() - start >= self.method.warmup_s and done >= 3:
                return per_iter
            if elapsed < 0.05:
                n *= 2
