"""Runs a sweep: opens the result files (resuming if asked), measures idle power, measures each row not yet in the
files, appends it at once, and keeps ``meta.json`` up to date. An interruption (Ctrl-C) loses at most the row being
measured; a row that fails (out of memory, a sensor error) is reported, left out, and measured again on ``--resume``.
"""

import json
import os
import platform
import time

from . import __version__, textfile
from .energy import MeasurementError
from .measure import Measurer
from .results import (DAMAGED, KEYS, REPETITION_COLUMNS, SCHEMAS, ResultError, ResultFile, kind_of, make_out_dir,
                      number, write_json)


class Outcome:
    """What a sweep session did: rows measured, rows already there, rows failed (label, reason), interruption."""

    def __init__(self):
        self.measured = 0
        self.skipped = 0
        self.failed = []
        self.interrupted = False

    def exit_code(self):
        """0 when every row is measured, 3 when some failed, 130 when interrupted."""
        if self.interrupted:
            return 130
        return 3 if self.failed else 0


def _now():
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _previous_meta(path, resume):
    """The metadata of the sweep in the output directory, or None; raises ``ResultError`` naming what is wrong."""
    if not os.path.lexists(path):
        return None
    if not resume:
        raise ResultError("%s already exists; pass --resume to continue that sweep, or choose another --out directory"
                          % path)
    text = textfile.read(path, ResultError, hint=DAMAGED, bom=False)
    try:
        doc = json.loads(text)
    except ValueError as e:
        if hasattr(e, "lineno"):
            raise ResultError("%s:%d: malformed JSON: %s (column %d); %s" % (path, e.lineno, e.msg, e.colno, DAMAGED))
        raise ResultError("%s: malformed JSON: %s; %s" % (path, e, DAMAGED))
    if not isinstance(doc, dict):
        raise ResultError("%s: expected a JSON object (the sweep's metadata), got %s; %s"
                          % (path, _json_kind(doc), DAMAGED))
    sessions = doc.get("sessions", [])
    if not isinstance(sessions, list):
        raise ResultError("%s: sessions: expected a list of objects, got %s; %s" % (path, _json_kind(sessions),
                                                                                  DAMAGED))
    for i, session in enumerate(sessions):
        if not isinstance(session, dict):
            raise ResultError("%s: sessions[%d]: expected an object, got %s; %s" % (path, i, _json_kind(session),
                                                                                    DAMAGED))
        elapsed = session.get("elapsed_s", 0.0)
        if isinstance(elapsed, bool) or not isinstance(elapsed, (int, float)):
            raise ResultError("%s: sessions[%d].elapsed_s: expected a number, got %s; %s"
                              % (path, i, _json_kind(elapsed), DAMAGED))
    return doc


def _json_kind(value):
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return json.dumps(value)


def check_resumable(previous, current):
    """Raises ``ResultError`` if a resumed sweep would mix devices, precisions or energy backends."""
    for key in ("device_name", "dtype", "backend"):
        if previous.get(key) != current.get(key):
            raise ResultError("meta.json: the measurements so far were taken with %s = %r, this run would use %r; "
                              "continue them on the same setup, or choose another --out directory"
                              % (key, previous.get(key), current.get(key)))


def open_files(out_dir, outputs, resume):
    """The result and repetition files of each output, opened, and the keys already measured per output.

    Repetition rows whose summary row is missing (the run stopped between the two) are dropped, so that such a
    row is measured again in full. If a file cannot be opened, those opened are closed and those created removed.
    """
    files, reps, done = {}, {}, {}
    try:
        for name in outputs:
            kind = kind_of(name)
            files[name] = ResultFile(os.path.join(out_dir, name + ".csv"), SCHEMAS[kind], KEYS[kind])
            done[name] = files[name].open(resume)
            reps[name] = ResultFile(os.path.join(out_dir, name + ".reps.csv"), KEYS[kind] + REPETITION_COLUMNS,
                                    KEYS[kind])
            reps[name].open(resume, keep=done[name])
    except BaseException:
        all_files = list(files.values()) + list(reps.values())
        for f in all_files:
            f.close()
        _remove([f.path for f in all_files if f.created], [])
        raise
    return files, reps, done


def _remove(paths, dirs):
    """Removes the files ``paths``, then the directories ``dirs`` (outermost first) where empty; what cannot be
    removed stays."""
    for path in paths:
        try:
            os.remove(path)
        except OSError:
            pass
    for d in reversed(dirs):
        try:
            os.rmdir(d)
        except OSError:
            pass


def run(sweep, out_dir, meter, runner, resume=False, log=print, clock=time.perf_counter, sleep=time.sleep,
        extra_meta=None):
    """Measures every row of ``sweep`` not already in ``out_dir``; returns an ``Outcome``.

    ``meter`` is unopened; ``runner`` initialises the device (``ready()``, before idle power is measured, so that
    idle is measured in the state the rows run in), builds workloads (``prepare(task)``) and describes the framework
    (``describe()``). ``extra_meta`` (device and power-mode information) goes into ``meta.json``.

    A session that stops (an error, an interruption) before any row is measured or has failed removes the files
    and directories it created, so that the same command can be run again; files that were there stay, and an
    existing ``meta.json`` records the session.
    """
    meta_path = os.path.join(out_dir, "meta.json")
    previous = _previous_meta(meta_path, resume)
    meta = dict(previous or {})
    meta.update(extra_meta or {})
    meta.update(runner.describe())
    meta["backend"] = sweep.backend["name"]
    if previous is not None:
        check_resumable(previous, meta)
    outputs = []
    for t in sweep.tasks:
        if t.output() not in outputs:
            outputs.append(t.output())
    created_dirs = make_out_dir(out_dir)
    try:
        files, reps, done = open_files(out_dir, outputs, resume)
    except BaseException:
        _remove([], created_dirs)
        raise
    for name in files:
        if files[name].repaired:
            log("resume: removed the last row of %s, cut short by the interruption" % files[name].path)
        if reps[name].dropped:
            log("resume: dropped %d repetition row(s) of %s whose summary row was never written"
                % (reps[name].dropped, name))
    outcome = Outcome()
    stopped = True
    try:
        _measure(sweep, meta, meta_path, files, reps, done, meter, runner, log, clock, sleep, outcome)
        stopped = outcome.interrupted
        return outcome
    finally:
        result_files = list(files.values()) + list(reps.values())
        for f in result_files:
            f.close()
        nothing = stopped and outcome.measured == 0 and not outcome.failed
        created = [f.path for f in result_files if f.created] + ([meta_path] if previous is None else [])
        if nothing:
            _remove(created, created_dirs)
        if outcome.interrupted:
            if nothing:
                log("interrupted before any row was measured; the files this session created are removed")
            else:
                log("interrupted: the %d row(s) measured in this session are saved; rerun with --resume to continue"
                    % outcome.measured)


def _measure(sweep, meta, meta_path, files, reps, done, meter, runner, log, clock, sleep, outcome):
    todo = [t for t in sweep.tasks if files[t.output()].key(t.columns()) not in done[t.output()]]
    outcome.skipped = len(sweep.tasks) - len(todo)
    if outcome.skipped:
        log("resume: %d of %d rows already measured, %d to go" % (outcome.skipped, len(sweep.tasks), len(todo)))
    started = time.time()
    session = {"started": _now(), "profiler": __version__, "sweep": os.path.abspath(sweep.path),
               "rows_to_measure": len(todo), "rows_measured": 0, "rows_failed": [], "idle_w": [],
               "status": "running"}
    meta["sessions"] = list(meta.get("sessions", [])) + [session]
    try:
        runner.ready()
        meter.open()
        measurer = Measurer(meter, sweep.method, clock, sleep)
        meta.update({"sweep_name": sweep.name, "meter": meter.describe(), "method": dict(sweep.method._asdict()),
                     "window_s": measurer.window_s(), "sensor_resolution_pct": measurer.resolution_pct(),
                     "python": platform.python_version(), "host": platform.node()})
        session["window_s"] = measurer.window_s()
        write_json(meta_path, meta)
        log("meter: %s; sensor period %.4f s, so windows of %.3f s (at most %.1f %% error each); per row %.1f s "
            "warm-up and %d windows" % (meta["meter"].get("sensor", meta["backend"]), meter.period_s(),
                                        measurer.window_s(), measurer.resolution_pct(), sweep.method.warmup_s,
                                        sweep.method.repetitions))
        if "sensor_update_period_s" in meta["meter"] and meta["meter"]["sensor_update_period_s"] is None:
            log("warning: the power reading did not change over the first samples; check that the sensor updates "
                "(a stuck reading makes every dynamic energy 0)")
        idle = _idle(measurer, session, meta, log)
        last_idle = clock()
        for i, task in enumerate(todo, start=1):
            if sweep.method.idle_every_s and clock() - last_idle >= sweep.method.idle_every_s:
                idle = _idle(measurer, session, meta, log)
                last_idle = clock()
            try:
                workload = runner.prepare(task)
                try:
                    m = measurer.measure(workload, idle)
                finally:
                    workload.close()
            except (MeasurementError, RuntimeError, MemoryError) as e:
                reason = "%s: %s" % (type(e).__name__, (str(e).splitlines() or [""])[0])
                outcome.failed.append((task.label(), reason))
                session["rows_failed"].append({"row": task.label(), "reason": reason})
                log("[%d/%d] %s: FAILED, %s" % (i, len(todo), task.label(), reason))
                continue
            _write(files[task.output()], reps[task.output()], task, m)
            outcome.measured += 1
            session["rows_measured"] = outcome.measured
            log("[%d/%d] %s: %.4g mJ (dynamic %.4g), %.4g ms; spread %.1f %% over %d windows of %.2f s"
                % (i, len(todo), task.label(), m.total_mj(), m.dynamic_mj(), m.latency_ms(), m.spread_pct(),
                   len(m.repetitions), m.seconds() / len(m.repetitions)))
        idle_end = _idle(measurer, session, meta, log)
        meta["idle_w_end"] = idle_end
        session["status"] = "complete" if not outcome.failed else "complete, %d row(s) failed" % len(outcome.failed)
    except KeyboardInterrupt:
        outcome.interrupted = True
        session["status"] = "interrupted"
    except Exception as e:
        session["status"] = "stopped: %s: %s" % (type(e).__name__, e)
        raise
    finally:
        meter.close()
        session["finished"] = _now()
        session["elapsed_s"] = time.time() - started
        meta["elapsed_s"] = sum(s.get("elapsed_s", 0.0) for s in meta["sessions"])
        write_json(meta_path, meta)


def _idle(measurer, session, meta, log):
    idle = measurer.idle_w()
    session["idle_w"].append(idle)
    meta.setdefault("idle_w_start", idle)
    log("idle power %.3f W" % idle)
    return idle


def _write(main, rep_file, task, m):
    """Appends the repetitions, then the summary row (whose presence marks the row as measured)."""
    key = list(main.key(task.columns()))
    for index, r in enumerate(m.repetitions):
        rep_file.append(key + [index, r.iters, number(r.seconds), number(r.energy_mj), number(r.total_mj()),
                               number(r.dynamic_mj()), number(r.latency_ms()), number(r.idle_w)])
    main.append(task.columns() + [m.iters(), number(m.seconds()), number(m.total_mj()), number(m.dynamic_mj()),
                                  number(m.latency_ms())])
