"""Sweep files: what to measure and how, as JSON, validated with errors that name the file, field and allowed values.

A sweep file holds (``[default]``)::

    {
      "name": "xavier-nx-15w",                 [the file name]
      "device": "cuda:0",                      [cuda:0]  or "cpu"
      "precision": "fp32",                     [fp32]    fp32 | fp16
      "allow_tf32": false,                     [false]   cuDNN TF32 convolutions (Ampere and newer)
      "cudnn_benchmark": true,                 [true]
      "seed": 0,                               [0]       sampling, order and input data
      "shuffle": true,                         [true]    measure rows in a seeded random order
      "backend": {"name": "nvml" | "ina3221" | "tegrastats", ...},
      "method": {"warmup_s": 1.0, "window_s": 0.25, "sensor_periods": 20, "repetitions": 3,
                 "idle_s": 5.0, "settle_s": 5.0, "idle_every_s": 0},
      "conv": {"bias": true, "grids": [{"batch": [1], "in_hw": [32], "in_ch": [16], "kernel": [3],
                                        "kernels": [32], "stride": [1], "sample": 100}]},
      "fc": {"bias": true, "grids": [{"batch": [1], "in_features": [256], "out_features": [10]}]},
      "networks": {"files": ["nets/*.json"], "batch": [1], "validation_fraction": 0.2}
    }

At least one of ``conv``, ``fc`` and ``networks`` is needed. A grid is the Cartesian product of its lists; ``sample``
keeps that many of its points, drawn with the seed. Convolutions use "same" padding (kernel // 2), so kernels are odd.
Network files are globs relative to the sweep file, each a spec from ``./nas export --format json``.
"""

import collections.abc
import glob
import hashlib
import itertools
import json
import math
import os
import random
import sys
from typing import NamedTuple, Tuple

from . import netspec, textfile


class SweepError(Exception):
    """A sweep file the profiler cannot run; the message names the file, the field and what is allowed."""


class Method(NamedTuple):
    """How each row is measured: warm-up, window, repetitions and idle measurement (times in s)."""

    warmup_s: float = 1.0
    window_s: float = 0.25
    sensor_periods: int = 20
    repetitions: int = 3
    idle_s: float = 5.0
    settle_s: float = 5.0
    idle_every_s: float = 0.0


class ConvTask(NamedTuple):
    """One conv layer: ``batch`` images of ``in_ch`` x ``in_hw`` x ``in_hw``, ``kernels`` filters of ``kernel``^2."""

    batch: int
    in_hw: int
    in_ch: int
    kernel: int
    kernels: int
    stride: int
    bias: bool = True

    def output(self):
        """The result file's name, without extension."""
        return "conv"

    def out_hw(self):
        """Output height (= width) with "same" padding kernel // 2."""
        return (self.in_hw + 2 * (self.kernel // 2) - self.kernel) // self.stride + 1

    def macs(self):
        """Multiply-accumulates of one forward pass of the whole batch."""
        return self.batch * self.out_hw() ** 2 * self.in_ch * self.kernel ** 2 * self.kernels

    def columns(self):
        """The values of the result file's columns before the measured ones."""
        return [self.batch, self.in_hw, self.in_ch, self.kernel, self.kernels, self.stride, self.macs()]

    def label(self):
        """A short description for progress lines."""
        return "conv b%d %dx%dx%d k%d n%d s%d" % (self.batch, self.in_ch, self.in_hw, self.in_hw, self.kernel,
                                                  self.kernels, self.stride)


class FcTask(NamedTuple):
    """One fully connected layer on ``batch`` vectors of ``in_features``."""

    batch: int
    in_features: int
    out_features: int
    bias: bool = True

    def output(self):
        """The result file's name, without extension."""
        return "fc"

    def macs(self):
        """Multiply-accumulates of one forward pass of the whole batch."""
        return self.batch * self.in_features * self.out_features

    def columns(self):
        """The values of the result file's columns before the measured ones."""
        return [self.batch, self.in_features, self.out_features, self.macs()]

    def label(self):
        """A short description for progress lines."""
        return "fc b%d %d->%d" % (self.batch, self.in_features, self.out_features)


class NetworkTask(NamedTuple):
    """One whole network from a spec, at one batch size, with its calibration/validation split."""

    spec: netspec.NetworkSpec
    batch: int
    split: str

    def output(self):
        """The result file's name: one per space and batch size, as ``./nas calibrate`` reads one of each."""
        return "networks-%s-b%d" % (self.spec.space, self.batch)

    def macs(self):
        """Multiply-accumulates of one forward pass of the whole batch."""
        return self.batch * self.spec.macs

    def columns(self):
        """The values of the result file's columns before the measured ones."""
        return [self.spec.space, self.spec.arch, self.split, self.batch, self.macs(), self.spec.params]

    def label(self):
        """A short description for progress lines."""
        return "%s b%d %s" % (self.spec.space, self.batch, self.spec.arch)


class Sweep(NamedTuple):
    """A validated sweep file: settings, backend, method and the rows to measure in order."""

    path: str
    name: str
    device: str
    precision: str
    allow_tf32: bool
    cudnn_benchmark: bool
    seed: int
    backend: dict
    method: Method
    tasks: Tuple[object, ...]


def split_of(arch, validation_fraction):
    """``validation`` for a fixed fraction of architectures, by a hash of the string; ``calibration`` otherwise.

    The first 8 hex digits of SHA-256(arch, UTF-8), read as an integer h, give validation when
    h < fraction x 2^32, so the split does not depend on the sweep, the order or the machine.
    """
    h = int(hashlib.sha256(arch.encode("utf-8")).hexdigest()[:8], 16)
    return "validation" if h < validation_fraction * 2 ** 32 else "calibration"


class _Section:
    """Typed reads from one JSON object, remembering which keys were read so that unknown ones are reported.

    Errors read ``FILE: KEY.PATH: message``; ``path`` is the file and ``keypath`` the object's dotted key path
    (empty at the top level).
    """

    def __init__(self, obj, path, keypath=""):
        self.path = path
        self.keypath = keypath
        if not isinstance(obj, dict):
            raise SweepError("%s: %s: expected an object of key: value pairs, got %s"
                             % (path, keypath or "(top level)", _describe(obj)))
        self.obj = obj
        self.asked = set()

    def full(self, key):
        return "%s.%s" % (self.keypath, key) if self.keypath else key

    def error(self, key, message):
        return SweepError("%s: %s: %s" % (self.path, self.full(key) if key else self.keypath, message))

    def has(self, key):
        self.asked.add(key)
        return key in self.obj

    def value(self, key, default):
        return self.obj[key] if self.has(key) else default

    def integer(self, key, default, minimum):
        v = self.value(key, default)
        if not _is_int(v) or v < minimum:
            raise self.error(key, "expected an integer >= %d, got %s" % (minimum, _describe(v)))
        return v

    def number(self, key, default, minimum, maximum=float("inf"), exclusive_min=False):
        v = self.value(key, default)
        low_ok = _is_number(v) and math.isfinite(v) and (v > minimum if exclusive_min else v >= minimum)
        if not low_ok or v > maximum:
            bound = "> %g" % minimum if exclusive_min else ">= %g" % minimum
            if maximum != float("inf"):
                bound += " and <= %g" % maximum
            finite = "finite " if _is_number(v) and not math.isfinite(v) else ""
            raise self.error(key, "expected a %snumber %s, got %s" % (finite, bound, _describe(v)))
        return float(v)

    def boolean(self, key, default):
        v = self.value(key, default)
        if not isinstance(v, bool):
            raise self.error(key, "expected true or false, got %s" % _describe(v))
        return v

    def text(self, key, default):
        v = self.value(key, default)
        if not isinstance(v, str) or not v:
            raise self.error(key, "expected a text value, got %s" % _describe(v))
        return v

    def choice(self, key, default, allowed):
        v = self.value(key, default)
        if v not in allowed:
            raise self.error(key, "%s is not allowed; allowed values: %s" % (_describe(v), ", ".join(allowed)))
        return v

    def integers(self, key, default, minimum):
        if not self.has(key) and default is None:
            raise self.error(key, "missing; expected a non-empty list of integers >= %d" % minimum)
        v = self.value(key, default)
        if not isinstance(v, list) or not v:
            raise self.error(key, "expected a non-empty list of integers >= %d, got %s" % (minimum, _describe(v)))
        for i, x in enumerate(v):
            if not _is_int(x) or x < minimum:
                raise self.error(key, "element %d: expected an integer >= %d, got %s" % (i, minimum, _describe(x)))
        return v

    def texts(self, key, default):
        v = self.value(key, default)
        if v is None:
            return None
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
            raise self.error(key, "expected a non-empty list of text values, got %s" % _describe(v))
        return v

    def section(self, key):
        return _Section(self.obj[key], self.path, self.full(key)) if self.has(key) else None

    def sections(self, key):
        self.asked.add(key)
        v = self.obj.get(key)
        if not isinstance(v, list) or not v:
            raise self.error(key, "expected a non-empty list of objects, got %s"
                             % ("nothing" if v is None else _describe(v)))
        return [_Section(x, self.path, "%s[%d]" % (self.full(key), i)) for i, x in enumerate(v)]

    def done(self):
        unknown = sorted(set(self.obj) - self.asked)
        if unknown:
            raise self.error(unknown[0], "unknown key; allowed keys%s: %s"
                             % (" in '%s'" % self.keypath if self.keypath else "", ", ".join(sorted(self.asked))))


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _describe(v):
    if isinstance(v, str):
        return "'%s' (text)" % v
    if isinstance(v, dict):
        return "an object"
    return json.dumps(v)


BACKENDS = ("nvml", "ina3221", "tegrastats")
PRECISIONS = ("fp32", "fp16")


def load(path):
    """The sweep in the JSON file ``path``, validated, with its rows expanded. Raises ``SweepError``."""
    text = textfile.read(path, SweepError, what="sweep file", hint="save the sweep file as UTF-8")
    try:
        doc = json.loads(text)
    except ValueError as e:
        raise SweepError("%s: malformed JSON: %s" % (path, e))
    top = _Section(doc, str(path))
    name = top.text("name", os.path.splitext(os.path.basename(str(path)))[0])
    device = top.text("device", "cuda:0")
    if device != "cpu" and not (device == "cuda" or device.startswith("cuda:") and device[5:].isdigit()):
        raise top.error("device", "'%s' is not allowed; allowed values: cpu, cuda, cuda:<index>" % device)
    precision = top.choice("precision", "fp32", PRECISIONS)
    allow_tf32 = top.boolean("allow_tf32", False)
    cudnn_benchmark = top.boolean("cudnn_benchmark", True)
    seed = top.integer("seed", 0, 0)
    shuffle = top.boolean("shuffle", True)
    if not top.has("backend"):
        raise top.error("backend", "missing; name an energy backend, e.g. {\"name\": \"nvml\"}; allowed names: "
                        + ", ".join(BACKENDS))
    backend = _backend(top.section("backend"))
    method = _method(top.section("method"))
    rng = random.Random(seed)
    tasks = []
    conv, fc, networks = top.section("conv"), top.section("fc"), top.section("networks")
    if conv is None and fc is None and networks is None:
        raise SweepError("%s: nothing to measure; give at least one of conv, fc, networks" % path)
    if conv is not None:
        tasks += _conv(conv, rng)
    if fc is not None:
        tasks += _fc(fc, rng)
    if networks is not None:
        tasks += _networks(networks, os.path.dirname(os.path.abspath(str(path))))
    top.done()
    unique = []
    seen = set()
    for t in tasks:
        key = (t.output(), tuple(t.columns()))
        if key not in seen:
            seen.add(key)
            unique.append(t)
    if shuffle:
        rng.shuffle(unique)
    return Sweep(str(path), name, device, precision, allow_tf32, cudnn_benchmark, seed, backend, method,
                 tuple(unique))


def _backend(s):
    name = s.choice("name", None, BACKENDS)
    b = {"name": name}
    if name == "nvml":
        b["gpu_index"] = s.integer("gpu_index", 0, 0)
        b["mode"] = s.choice("mode", "counter", ("counter", "power"))
        b["sample_hz"] = s.number("sample_hz", 100.0, 0.0, exclusive_min=True)
    elif name == "ina3221":
        b["rails"] = s.texts("rails", None)
        b["sysfs_root"] = s.text("sysfs_root", "/sys")
        b["sample_hz"] = s.number("sample_hz", 100.0, 0.0, exclusive_min=True)
        b["rail_files"] = _rail_files(s) if s.has("rail_files") else None
    else:
        b["rails"] = s.texts("rails", None)
        b["interval_ms"] = s.integer("interval_ms", 20, 1)
        b["command"] = s.text("command", "tegrastats")
    s.done()
    return b


def _rail_files(s):
    entries = s.value("rail_files", None)
    if not isinstance(entries, list) or not entries:
        raise s.error("rail_files", "expected a non-empty list of {\"name\", \"power_mw\"} or {\"name\", "
                                    "\"voltage_mv\", \"current_ma\"} objects")
    out = []
    for i, e in enumerate(entries):
        r = _Section(e, s.path, "%s[%d]" % (s.full("rail_files"), i))
        entry = {"name": r.text("name", None)}
        if r.has("power_mw"):
            entry["power_mw"] = r.text("power_mw", None)
        elif r.has("voltage_mv") and r.has("current_ma"):
            entry["voltage_mv"] = r.text("voltage_mv", None)
            entry["current_ma"] = r.text("current_ma", None)
        else:
            raise r.error("", "give power_mw (a file in mW), or voltage_mv and current_ma (files in mV and mA)")
        r.done()
        out.append(entry)
    return out


def _method(s):
    if s is None:
        return Method()
    d = Method()
    m = Method(
        warmup_s=s.number("warmup_s", d.warmup_s, 0.0),
        window_s=s.number("window_s", d.window_s, 0.0, exclusive_min=True),
        sensor_periods=s.integer("sensor_periods", d.sensor_periods, 1),
        repetitions=s.integer("repetitions", d.repetitions, 1),
        idle_s=s.number("idle_s", d.idle_s, 0.0, exclusive_min=True),
        settle_s=s.number("settle_s", d.settle_s, 0.0),
        idle_every_s=s.number("idle_every_s", d.idle_every_s, 0.0))
    s.done()
    return m


class _Product(collections.abc.Sequence):
    """The Cartesian product of ``lists`` in ``itertools.product`` order, as a sequence that computes its points.

    Point ``i`` is ``i`` written in the mixed radix of the list lengths (the last list varies fastest), so a sample
    of a few points from a huge grid never builds the grid.
    """

    def __init__(self, lists):
        self.lists = [tuple(x) for x in lists]
        self.size = 1
        for x in self.lists:
            self.size *= len(x)

    def __len__(self):
        return self.size

    def __getitem__(self, i):
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("grid point %d of %d" % (i, self.size))
        point = []
        for x in reversed(self.lists):
            i, digit = divmod(i, len(x))
            point.append(x[digit])
        return tuple(reversed(point))


def _sample(rng, population, n):
    """``n`` points of ``population`` drawn with ``rng``: the points ``rng.sample`` would draw from the whole list."""
    if population.size < sys.maxsize:
        return rng.sample(population, n)
    # too many points for len(); random.sample's own method for a large population (n is far below its size)
    chosen, points = set(), []
    for _ in range(n):
        j = rng.randrange(population.size)
        while j in chosen:
            j = rng.randrange(population.size)
        chosen.add(j)
        points.append(population[j])
    return points


def _grid(g, dims, rng):
    lists = []
    for key, minimum, default in dims:
        lists.append(g.integers(key, default, minimum))
    grid = _Product(lists)
    points = None
    if g.has("sample"):
        n = g.integer("sample", None, 1)
        if n < grid.size:
            points = _sample(rng, grid, n)
    g.done()
    return list(itertools.product(*lists)) if points is None else points


def _conv(s, rng):
    bias = s.boolean("bias", True)
    tasks = []
    for g in s.sections("grids"):
        dims = (("batch", 1, None), ("in_hw", 1, None), ("in_ch", 1, None), ("kernel", 1, None),
                ("kernels", 1, None), ("stride", 1, [1]))
        points = _grid(g, dims, rng)
        even = [k for k in g.obj["kernel"] if k % 2 == 0]
        if even:
            raise g.error("kernel", "%d is even; \"same\" padding (kernel // 2) needs odd kernel sizes, got %s"
                          % (even[0], json.dumps(g.obj["kernel"])))
        tasks += [ConvTask(*point, bias=bias) for point in points]
    s.done()
    return tasks


def _fc(s, rng):
    bias = s.boolean("bias", True)
    tasks = []
    for g in s.sections("grids"):
        dims = (("batch", 1, None), ("in_features", 1, None), ("out_features", 1, None))
        tasks += [FcTask(*point, bias=bias) for point in _grid(g, dims, rng)]
    s.done()
    return tasks


def _networks(s, base):
    patterns = s.texts("files", None)
    if patterns is None:
        raise s.error("files", "missing; expected a list of spec files or globs (from ./nas export --format json)")
    batches = s.integers("batch", [1], 1)
    fraction = s.number("validation_fraction", 0.2, 0.0, 1.0)
    s.done()
    specs = []
    for i, pattern in enumerate(patterns):
        full = pattern if os.path.isabs(pattern) else os.path.join(base, pattern)
        files = sorted(glob.glob(full))
        if not files:
            raise s.error("files", "element %d: '%s' matches no file (looked for %s)" % (i, pattern, full))
        for f in files:
            try:
                specs += netspec.load(f)
            except netspec.SpecError as e:
                raise s.error("files", str(e))
    settings_of = {}
    for spec in specs:
        first = settings_of.setdefault(spec.space, spec)
        if first.settings != spec.settings:
            raise s.error("files", "space '%s' appears with settings %s (%s) and %s (%s); ./nas calibrate reads one "
                          "space configuration per file, so measure them in separate sweeps"
                          % (spec.space, json.dumps(first.settings), first.source, json.dumps(spec.settings),
                             spec.source))
    return [NetworkTask(spec, b, split_of(spec.arch, fraction)) for b in batches for spec in specs]
