"""Result files: CSVs appended row by row (flushed and synced), so that an interrupted sweep keeps every finished row
and ``--resume`` skips them; and the metadata JSON, replaced atomically.

Layer files have exactly the columns of the reference measurements in ``shared/data/h200`` (``conv.csv``,
``fc.csv``). Network files (``networks-<space>-b<batch>.csv``) have the columns ``./nas calibrate --networks``
reads (``arch_str``, ``split`` and a measured column). Every count and measured value is per forward pass of the
whole batch ("per inference"): ``macs``, ``energy_*_mj_per_inf`` (mJ), ``latency_ms`` (ms); ``iters`` and
``seconds`` are the forward passes and time in the measurement windows, summed over the repetitions. A
``<name>.reps.csv`` beside each file keeps every repetition, from which the spread is computed.
"""

import csv
import io
import json
import os
import tempfile

MEASURED = ("iters", "seconds", "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf", "latency_ms")

#: Column names of each result file kind; the measured columns follow the task's own.
SCHEMAS = {
    "conv": ("batch", "in_hw", "in_ch", "kernel", "kernels", "stride", "macs") + MEASURED,
    "fc": ("batch", "in_features", "out_features", "macs") + MEASURED,
    "networks": ("space", "arch_str", "split", "batch", "macs", "params") + MEASURED,
}

#: The columns that identify a row (a measured row with the same key is not measured again on --resume).
KEYS = {
    "conv": ("batch", "in_hw", "in_ch", "kernel", "kernels", "stride"),
    "fc": ("batch", "in_features", "out_features"),
    "networks": ("arch_str", "batch"),
}

REPETITION_COLUMNS = ("rep", "iters", "seconds", "energy_mj", "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf",
                      "latency_ms", "idle_w")


class ResultError(Exception):
    """A result file that cannot be written or resumed; the message names the file and what to do."""


def kind_of(output):
    """The schema kind of a result file name: ``conv``, ``fc`` or ``networks`` (for ``networks-...``)."""
    return "networks" if output.startswith("networks-") else output


def number(x):
    """A measured value as text: 9 significant digits."""
    return "%.9g" % x


def _line(values):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


class ResultFile:
    """One CSV file with a fixed header, opened for appending whole rows.

    ``open(resume)`` creates it with its header, or (with ``resume``) checks the header of the existing file,
    drops a last line cut short by an interruption, and returns the keys of the rows already in it. Without
    ``resume`` an existing file is an error, so measurements are never overwritten or mixed by accident. After
    ``open``, ``repaired`` says whether a cut line was dropped and ``dropped`` how many rows ``keep`` removed.
    """

    def __init__(self, path, columns, key_columns):
        self.path = path
        self.columns = tuple(columns)
        self.key_columns = tuple(key_columns)
        self._key_index = [self.columns.index(k) for k in self.key_columns]
        self._file = None
        self.repaired = False
        self.dropped = 0

    def key(self, values):
        """The key of a row given as its list of values (compared as text, as written)."""
        return tuple(str(values[i]) for i in self._key_index)

    def open(self, resume, keep=None):
        """Opens the file for appending; returns the set of keys already measured.

        With ``keep`` (a set of keys), rows of an existing file whose key is not in it are removed first: the
        repetitions of a row whose summary was never written are measured again on resume.
        """
        done = set()
        if os.path.exists(self.path):
            if not resume:
                raise ResultError("%s already holds measurements; pass --resume to continue them, or choose another "
                                  "--out directory" % self.path)
            done = self._existing_keys()
            if keep is not None:
                self.dropped = self._drop_rows_not_in(keep)
                done &= keep
        else:
            d = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(d, exist_ok=True)
            with open(self.path, "w") as f:
                f.write(_line(self.columns))
                f.flush()
                os.fsync(f.fileno())
        self._file = open(self.path, "a")
        return done

    def _existing_keys(self):
        with open(self.path, "rb") as f:
            data = f.read()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            with open(self.path, "r+b") as f:
                f.truncate(cut)
            data = data[:cut]
            self.repaired = True
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        if not rows:
            raise ResultError("%s is empty (no header); delete it or choose another --out directory" % self.path)
        if tuple(rows[0]) != self.columns:
            raise ResultError("%s: header %s differs from this profiler's %s; it holds other measurements, choose "
                              "another --out directory" % (self.path, ",".join(rows[0]), ",".join(self.columns)))
        keys = set()
        for n, row in enumerate(rows[1:], start=2):
            if len(row) != len(self.columns):
                raise ResultError("%s:%d: %d fields, expected %d; the file was edited or damaged" % (
                    self.path, n, len(row), len(self.columns)))
            keys.add(self.key(row))
        return keys

    def append(self, values):
        """Writes one row and makes sure it reached the disk before returning."""
        if len(values) != len(self.columns):
            raise ValueError("%d values for %d columns of %s" % (len(values), len(self.columns), self.path))
        self._file.write(_line(values))
        self._file.flush()
        os.fsync(self._file.fileno())

    def _drop_rows_not_in(self, keys):
        """Rewrites the file (atomically) without the rows whose key is not in ``keys``; returns how many went."""
        with open(self.path) as f:
            rows = list(csv.reader(f))
        kept = [rows[0]] + [r for r in rows[1:] if self.key(r) in keys]
        if len(kept) != len(rows):
            write_atomically(self.path, "".join(_line(r) for r in kept))
        return len(rows) - len(kept)

    def close(self):
        """Closes the file."""
        if self._file is not None:
            self._file.close()
            self._file = None


def write_atomically(path, text):
    """Writes ``text`` to ``path`` through a temporary file in the same directory and a rename."""
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path), suffix=".tmp", dir=d)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_json(path, doc):
    """Writes ``doc`` as indented JSON, atomically."""
    write_atomically(path, json.dumps(doc, indent=1, sort_keys=False) + "\n")
