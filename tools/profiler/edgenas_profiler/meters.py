"""Energy meters: a cumulative energy counter (NVML) or a power sensor sampled in a thread (Jetson rails).

A meter gives ``mark()`` readings; ``energy_mj(a, b)`` is the energy in mJ spent between two marks, and
``period_s()`` the sensor's update period, which sets how long a measurement window must be. Clocks and sleeps are
injected so that tests can drive a meter with a simulated clock.
"""

import threading
import time
from typing import NamedTuple, Optional

from .energy import MeasurementError, counter_difference_mj, integrate_mj, median


class Mark(NamedTuple):
    """A meter reading: time ``t`` in s on the meter's clock and, for counter meters, the counter in mJ."""

    t: float
    counter_mj: Optional[float] = None


def measure_update_period(read, clock=time.perf_counter, sleep=time.sleep, changes=6, timeout_s=5.0,
                          poll_s=0.0005):
    """The update period in s of a sensor read by ``read()``: the median time between changes of its value.

    Polls every ``poll_s`` until the value has changed ``changes`` times (the first change only starts the clock).
    Raises ``MeasurementError`` if it changes fewer times within ``timeout_s``.
    """
    start = clock()
    last = read()
    times = []
    while len(times) < changes:
        if clock() - start > timeout_s:
            raise MeasurementError("sensor value changed %d times in %.1f s; it seems not to update (is the device "
                                   "powered and the driver loaded?)" % (len(times), timeout_s))
        sleep(poll_s)
        value = read()
        if value != last:
            times.append(clock())
            last = value
    return median([b - a for a, b in zip(times, times[1:])])


class CounterMeter:
    """A meter over a cumulative energy counter in mJ (NVML's total-energy counter).

    ``read_mj`` returns the counter; the window's energy is the difference of two readings, so it needs no
    thread, and its resolution is one counter update period at each end of the window.
    """

    def __init__(self, read_mj, description, clock=time.perf_counter, sleep=time.sleep):
        self._read = read_mj
        self._description = dict(description)
        self._clock = clock
        self._sleep = sleep
        self._period = None

    def open(self):
        """Measures the counter's update period."""
        self._period = measure_update_period(self._read, self._clock, self._sleep)

    def mark(self):
        """Reads the counter and the clock."""
        counter = self._read()
        return Mark(self._clock(), counter)

    def energy_mj(self, a, b):
        """Energy in mJ between marks ``a`` and ``b``."""
        return counter_difference_mj(a.counter_mj, b.counter_mj)

    def period_s(self):
        """The counter's update period in s (measured by ``open``)."""
        return self._period

    def describe(self):
        """The meter's settings and measured update period, for the metadata file."""
        d = dict(self._description)
        d["method"] = "cumulative energy counter, difference of two readings"
        d["update_period_s"] = self._period
        return d

    def close(self):
        """Nothing to release."""


class PolledSource:
    """A power source read on demand: ``read_w()`` every ``interval_s`` (sysfs rails, NVML power)."""

    def __init__(self, read_w, interval_s, sleep=time.sleep):
        self.read_w = read_w
        self.interval_s = interval_s
        self._sleep = sleep

    def next_w(self):
        """Waits one interval and reads the power in W."""
        self._sleep(self.interval_s)
        return self.read_w()

    def close(self):
        """Nothing to release."""


class SampledMeter:
    """A meter that samples a power source in a background thread and integrates the samples (trapezoid rule).

    ``source.next_w()`` blocks until the next sample is due and returns watts; each sample is stamped with the
    meter's clock. The energy between two marks is the integral of the samples, interpolated at the marks, so a
    mark must be followed by at least one sample before its energy is known (``energy_mj`` waits for it).
    """

    def __init__(self, source, description, clock=time.perf_counter, sleep=time.sleep, wait_timeout_s=5.0):
        self._source = source
        self._description = dict(description)
        self._clock = clock
        self._sleep = sleep
        self._wait_timeout_s = wait_timeout_s
        self._samples = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = None
        self._error = None
        self._interval = None
        self._update = None

    def open(self):
        """Starts sampling and measures the achieved sample interval and the sensor's update period."""
        self._thread = threading.Thread(target=self._run, name="power-sampler", daemon=True)
        self._thread.start()
        start = self._clock()
        while True:
            with self._lock:
                samples = list(self._samples)
            if len(samples) >= 50 or (len(samples) >= 5 and self._clock() - start > 2.0):
                break
            if self._error is not None:
                raise MeasurementError("power sampling failed: %s" % self._error)
            if self._clock() - start > self._wait_timeout_s:
                raise MeasurementError("power sampler produced %d samples in %.1f s" % (len(samples),
                                                                                      self._wait_timeout_s))
            self._sleep(0.01)
        times = [t for t, _ in samples]
        self._interval = median([b - a for a, b in zip(times, times[1:])])
        changes = [t for (t, p), (_, q) in zip(samples[1:], samples) if p != q]
        gaps = [b - a for a, b in zip(changes, changes[1:])]
        self._update = median(gaps) if gaps else None

    def _run(self):
        try:
            while not self._stop.is_set():
                watts = self._source.next_w()
                t = self._clock()
                with self._lock:
                    self._samples.append((t, watts))
        except Exception as e:  # reported to the measuring thread by energy_mj / open
            self._error = e

    def mark(self):
        """The current time on the meter's clock."""
        return Mark(self._clock())

    def energy_mj(self, a, b):
        """Energy in mJ between marks ``a`` and ``b``, once a sample at or after ``b`` has arrived."""
        deadline = self._clock() + self._wait_timeout_s
        while True:
            if self._error is not None:
                raise MeasurementError("power sampling failed: %s" % self._error)
            with self._lock:
                done = bool(self._samples) and self._samples[-1][0] >= b.t
                samples = list(self._samples) if done else None
            if done:
                break
            if self._clock() > deadline:
                raise MeasurementError("no power sample arrived within %.1f s after the window" % self._wait_timeout_s)
            self._sleep(0.001)
        energy = integrate_mj(samples, a.t, b.t)
        with self._lock:
            keep = [i for i, (t, _) in enumerate(self._samples) if t <= b.t]
            if keep:
                del self._samples[:keep[-1]]
        return energy

    def period_s(self):
        """The longer of the achieved sample interval and the sensor's own update period, in s."""
        return max(p for p in (self._interval, self._update) if p is not None)

    def describe(self):
        """The meter's settings, achieved sample interval and sensor update period, for the metadata file."""
        d = dict(self._description)
        d["method"] = "power sampled in a thread, trapezoid integral over the window"
        d["sample_interval_s"] = self._interval
        d["sensor_update_period_s"] = self._update
        return d

    def close(self):
        """Stops the sampling thread and the source."""
        self._stop.set()
        self._source.close()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
