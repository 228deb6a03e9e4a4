"""Command line: ``profile_board.py SWEEP.json --out DIR [--resume] [--plan]``.

Exit status: 0 all rows measured; 2 bad input or setup (sweep file, network spec, sensors, PyTorch, result
files), nothing measured; 3 some rows failed (rerun with --resume to retry them); 130 interrupted (rows measured so
far are saved; rerun with --resume).
"""

import argparse
import collections
import signal
import sys

from . import __version__, driver, jetson, netspec, nvml, samplesize
from . import sweep as sweeps
from .energy import MeasurementError
from .meters import PolledSource, SampledMeter
from .results import ResultError, check_out_dir
from .workloads import RunnerError, TorchRunner

USER_ERRORS = (sweeps.SweepError, netspec.SpecError, jetson.RailError, nvml.NvmlError, RunnerError, ResultError,
               MeasurementError)


def parser():
    """The argument parser."""
    p = argparse.ArgumentParser(prog="profile_board.py", description="Measure energy and latency of layers and "
                                "networks on this board, as a sweep file describes; write CSVs for ./nas calibrate.")
    p.add_argument("sweep", help="sweep file (JSON)")
    p.add_argument("--out", help="output directory (CSVs, meta.json); required unless --plan")
    p.add_argument("--resume", action="store_true", help="continue the sweep in --out, skipping rows already there")
    p.add_argument("--plan", action="store_true", help="validate the sweep and print its rows and minimum duration;"
                   " needs neither PyTorch nor sensors")
    p.add_argument("--version", action="version", version="edgenas profiler " + __version__)
    return p


def plan(sweep):
    """The rows per output file, a lower bound of the sweep's duration and, for networks, sample-size advice, as text."""
    counts = collections.OrderedDict()
    for t in sweep.tasks:
        counts[t.output()] = counts.get(t.output(), 0) + 1
    m = sweep.method
    per_row = m.warmup_s + m.repetitions * m.window_s
    idle = 2 * (m.settle_s + m.idle_s)
    total = len(sweep.tasks) * per_row + idle
    lines = ["%s: %d rows, backend %s, %s on %s" % (sweep.path, len(sweep.tasks), sweep.backend["name"],
                                                    sweep.precision, sweep.device)]
    lines += ["  %-28s %6d rows" % (name + ".csv", n) for name, n in counts.items()]
    lines.append("  at least %.1f min: per row %.2f s warm-up + %d x %.2f s windows (longer if the sensor updates "
                 "slowly), plus %.0f s of idle measurement" % (total / 60.0, m.warmup_s, m.repetitions, m.window_s,
                                                               idle))
    networks = set((t.spec.space, t.spec.arch) for t in sweep.tasks
                   if isinstance(t, sweeps.NetworkTask) and t.split == "calibration")
    if any(isinstance(t, sweeps.NetworkTask) for t in sweep.tasks):
        lines += samplesize.advice(len(networks))
    return "\n".join(lines)


def open_backend(backend, device_name):
    """The meter of the sweep's backend (unopened) and what it tells about the device and its power mode."""
    name = backend["name"]
    if name == "nvml":
        meter, info = nvml.open_meter(backend["gpu_index"], backend["mode"], backend["sample_hz"])
        if device_name is not None and info["gpu"] != device_name:
            raise nvml.NvmlError("PyTorch's device is %s but NVML GPU %d is %s; set backend.gpu_index to NVML's "
                                 "index of the measured GPU" % (device_name, backend["gpu_index"], info["gpu"]))
        return meter, info
    info = {"gpu": device_name}
    info.update(jetson.power_mode())
    if name == "ina3221":
        root = backend["sysfs_root"]
        if backend["rail_files"]:
            rails = jetson.rails_from_files(backend["rail_files"])
        else:
            where = "%s/bus/i2c/drivers/ina3221x/*/iio:device*/ and %s/bus/i2c/drivers/ina3221/*/hwmon/hwmon*/" % (
                root, root)
            rails = jetson.select_rails(jetson.find_rails(root), backend["rails"], where)
        for r in rails:
            try:
                r.read_w()
            except OSError as e:
                raise jetson.RailError("rail %s: cannot read %s: %s (reading INA3221 rails may need root)"
                                       % (r.name, e.filename, e.strerror))
        description = {"backend": "ina3221", "sensor": "INA3221 rail(s) %s in sysfs, sampled at %g Hz"
                       % ("+".join(r.name for r in rails), backend["sample_hz"]),
                       "rails": [{"name": r.name, "files": r.files()} for r in rails]}
        source = PolledSource(jetson.sum_power_w(rails), 1.0 / backend["sample_hz"])
        return SampledMeter(source, description), info
    source = jetson.TegrastatsSource(backend["rails"], backend["interval_ms"], backend["command"])
    description = {"backend": "tegrastats", "sensor": "tegrastats --interval %d, rail(s) %s"
                   % (backend["interval_ms"], "+".join(backend["rails"] or ["board input"]))}
    return SampledMeter(source, description), info


def _terminate(signum, frame):
    raise KeyboardInterrupt()


def main(argv=None):
    """Runs the profiler; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        sweep = sweeps.load(args.sweep)
        if args.plan:
            print(plan(sweep))
            return 0
        if not args.out:
            raise sweeps.SweepError("give --out DIR for the measurements (or --plan to only check the sweep)")
        check_out_dir(args.out)
        print(plan(sweep))
        runner = TorchRunner(sweep.device, sweep.precision, sweep.allow_tf32, sweep.cudnn_benchmark, sweep.seed)
        meter, info = open_backend(sweep.backend, runner.describe().get("device_name"))
        signal.signal(signal.SIGTERM, _terminate)
        outcome = driver.run(sweep, args.out, meter, runner, resume=args.resume, extra_meta=info,
                             log=lambda line: print(line, flush=True))
    except USER_ERRORS as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # interrupted before measuring began (loading PyTorch, starting the sensors): nothing was written
        print("interrupted before any measurement; nothing written", file=sys.stderr)
        return 130
    print("%d row(s) measured, %d already there, %d failed; results in %s" % (
        outcome.measured, outcome.skipped, len(outcome.failed), args.out))
    for label, reason in outcome.failed:
        print("  failed: %s: %s" % (label, reason))
    return outcome.exit_code()
