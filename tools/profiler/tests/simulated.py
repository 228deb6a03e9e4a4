"""A simulated board for tests: a clock and an energy counter that only move when the profiler sleeps or runs.

The board draws ``IDLE_W`` at rest and ``BUSY_W`` while a workload runs, and a workload takes a time per forward
pass set by a function of its task, so every energy and latency the profiler reports can be computed by hand.
Run as a script, it measures a sweep's rows on this board (for the end-to-end test of export, profiler and
``./nas calibrate``): ``python3 simulated.py SWEEP OUT FIXED_MS MS_PER_MAC``.
"""

import os
import sys

IDLE_W = 10.0
BUSY_W = 15.0  # while a workload runs: 10 W idle + 5 W dynamic


class FakeBoard:
    """A simulated clock and energy counter: the board draws 10 W, 15 W while a workload runs."""

    def __init__(self, counter_step_s=None):
        self.now = 1000.0
        self.energy_mj = 0.0
        self.counter_step_s = counter_step_s
        self._history = [(self.now, 0.0)]

    def clock(self):
        return self.now

    def _advance(self, seconds, watts):
        self.now += seconds
        self.energy_mj += watts * seconds * 1000.0
        if self.counter_step_s:
            self._history.append((self.now, self.energy_mj))

    def sleep(self, seconds):
        self._advance(seconds, IDLE_W)

    def busy(self, seconds):
        self._advance(seconds, BUSY_W)

    def counter(self):
        if not self.counter_step_s:
            return self.energy_mj
        # a counter that only updates on multiples of counter_step_s: the energy at the last update
        last_update = int(self.now / self.counter_step_s) * self.counter_step_s
        return max(e for t, e in self._history if t <= last_update + 1e-12)

    def meter(self):
        from edgenas_profiler.meters import CounterMeter
        return CounterMeter(self.counter, {"backend": "fake", "sensor": "simulated counter"}, self.clock, self.sleep)


def batch_plus_one_ms(task):
    """Default simulated latency: (1 + batch) ms per forward pass."""
    return 1.0 + task.batch


class FakeWorkload:
    """A workload whose forward passes each take a fixed time on the simulated board."""

    def __init__(self, board, seconds):
        self.board = board
        self.seconds = seconds

    def run(self, n):
        self.board.busy(n * self.seconds)

    def close(self):
        pass


class FakeRunner:
    """Builds simulated workloads; can be told to be interrupted at its n-th row or to fail on some rows."""

    def __init__(self, board, interrupt_at=None, fail=(), dtype="float32", latency_ms=batch_plus_one_ms):
        self.board = board
        self.interrupt_at = interrupt_at
        self.fail = list(fail)
        self.prepared = []
        self.dtype = dtype
        self.latency_ms = latency_ms
        self.readied = False

    def ready(self):
        self.readied = True

    def prepare(self, task):
        self.prepared.append(task)
        if self.interrupt_at == len(self.prepared):
            raise KeyboardInterrupt()
        if task in self.fail:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB\nmore detail")
        return FakeWorkload(self.board, self.latency_ms(task) / 1000.0)

    def describe(self):
        return {"torch": "fake", "dtype": self.dtype, "device_name": "simulated gpu"}


def main(argv):
    """Measures the sweep ``argv[0]`` into ``argv[1]`` with latency = FIXED_MS + MS_PER_MAC x MACs per pass."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from edgenas_profiler import driver, sweep
    from edgenas_profiler.sweep import Method
    path, out, fixed_ms, ms_per_mac = argv[0], argv[1], float(argv[2]), float(argv[3])
    s = sweep.load(path)._replace(method=Method(warmup_s=0.1, window_s=0.25, repetitions=1, idle_s=1.0,
                                                settle_s=0.0))
    board = FakeBoard()
    runner = FakeRunner(board, latency_ms=lambda task: fixed_ms + ms_per_mac * task.macs())
    outcome = driver.run(s, out, board.meter(), runner, log=lambda line: None, clock=board.clock, sleep=board.sleep)
    print("measured %d rows" % outcome.measured)
    return outcome.exit_code()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
