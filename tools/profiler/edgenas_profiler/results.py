"""Result files: CSVs appended row by row (flushed and synced), so that an interrupted sweep keeps every finished row
and ``--resume`` skips them; and the metadata JSON, replaced atomically.

Layer files have exactly the columns of the reference measurements in ``shared/data/h200`` (``conv.csv``,
``fc.csv``). Network files (``networks-<space>-b<batch>.csv``) have the columns ``./nas calibrate --networks``
reads (``arch_str``, ``split`` and a measured column). Every count and measured value is per forward pass of the
whole batch ("per inference"): ``macs``, ``energy_*_mj_per_inf`` (mJ), ``latency_ms`` (ms); ``iters`` and
``seconds`` are the forward passes and time in the measurement windows, summed over the repetitions. A
``<name>.reps.csv`` beside each file keeps every repetition, from which the spread is computed.
"""

import binascii
import csv
import errno
import io
import json
import os
import stat

from . import textfile

MEASURED = ("iters", "seconds", "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf", "latency_ms")

#: What a result file that does not read back needs, after saying what is wrong with it.
DAMAGED = "the file was edited or damaged; repair it or choose another --out directory"

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
    ``open``, ``repaired`` says whether a cut line was dropped, ``dropped`` how many rows ``keep`` removed, and
    ``created`` whether this ``open`` created the file.
    """

    def __init__(self, path, columns, key_columns):
        self.path = path
        self.columns = tuple(columns)
        self.key_columns = tuple(key_columns)
        self._key_index = [self.columns.index(k) for k in self.key_columns]
        self._file = None
        self.repaired = False
        self.dropped = 0
        self.created = False

    def key(self, values):
        """The key of a row given as its list of values (compared as text, as written)."""
        return tuple(str(values[i]) for i in self._key_index)

    def open(self, resume, keep=None):
        """Opens the file for appending; returns the set of keys already measured.

        With ``keep`` (a set of keys), rows of an existing file whose key is not in it are removed first: the
        repetitions of a row whose summary was never written are measured again on resume. Raises ``ResultError``
        for a file that cannot be read, written or resumed.
        """
        done = set()
        action = "read"
        try:
            if os.path.lexists(self.path):
                if not resume:
                    raise ResultError("%s already holds measurements; pass --resume to continue them, or choose "
                                      "another --out directory" % self.path)
                done = self._existing_keys()
                if keep is not None:
                    self.dropped = self._drop_rows_not_in(keep)
                    done &= keep
            else:
                action = "create"
                d = os.path.dirname(os.path.abspath(self.path))
                os.makedirs(d, exist_ok=True)
                with open(self.path, "x", encoding="utf-8", newline="") as f:
                    self.created = True
                    f.write(_line(self.columns))
                    f.flush()
                    os.fsync(f.fileno())
            action = "open for appending"
            self._file = open(self.path, "a", encoding="utf-8", newline="")
        except OSError as e:
            raise ResultError("%s: cannot %s: %s" % (self.path, action, e.strerror or e))
        return done

    def _existing_keys(self):
        """The keys of the rows in the file; a last line cut short is removed once the rest proves sound."""
        with open(self.path, "rb") as f:
            data = f.read()
        cut = len(data)
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
        text = textfile.decode(data[:cut], self.path, ResultError, DAMAGED, bom=False)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            rows = list(reader)
        except csv.Error as e:
            raise ResultError("%s:%d: unreadable CSV (%s); %s" % (self.path, reader.line_num, e, DAMAGED))
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
        if cut < len(data):
            with open(self.path, "r+b") as f:
                f.truncate(cut)
                f.flush()
                os.fsync(f.fileno())
            self.repaired = True
        return keys

    def append(self, values):
        """Writes one row and makes sure it reached the disk before returning."""
        if len(values) != len(self.columns):
            raise ValueError("%d values for %d columns of %s" % (len(values), len(self.columns), self.path))
        try:
            self._file.write(_line(values))
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as e:
            raise ResultError("%s: cannot write: %s; the rows before this one are saved, rerun with --resume once "
                              "it is writable" % (self.path, e.strerror or e))

    def _drop_rows_not_in(self, keys):
        """Rewrites the file (atomically) without the rows whose key is not in ``keys``; returns how many went."""
        with open(self.path, encoding="utf-8", newline="") as f:
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


def check_out_dir(path):
    """Raises ``ResultError`` unless ``path`` is a directory this user can write in, or one that can be created in
    an existing writable directory. Creates nothing (what cannot be foreseen, such as ``/proc/x``, fails cleanly
    when the directory is created)."""
    full = os.path.abspath(path)
    if os.path.exists(full):
        if not os.path.isdir(full):
            raise ResultError("%s: not a directory; --out names a directory for the result files (created if "
                              "missing)" % path)
        if not os.access(full, os.W_OK | os.X_OK):
            raise ResultError("%s: cannot write in this directory (permission denied); choose another --out "
                              "directory" % path)
        return
    if os.path.lexists(full):
        raise ResultError("%s: a symbolic link to nothing; choose another --out directory" % path)
    parent = os.path.dirname(full)
    while not os.path.exists(parent):
        if os.path.lexists(parent):
            raise ResultError("%s: cannot create the output directory: %s is a symbolic link to nothing"
                              % (path, parent))
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        raise ResultError("%s: cannot create the output directory: %s is not a directory" % (path, parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ResultError("%s: cannot create the output directory: no permission to write in %s" % (path, parent))


def make_out_dir(path):
    """Creates the directory ``path`` and its missing parents; returns those it created, outermost first.

    Raises ``ResultError`` naming the directory if it cannot be created or is not a directory.
    """
    full = os.path.abspath(path)
    missing = []
    d = full
    while not os.path.lexists(d):
        missing.append(d)
        d = os.path.dirname(d)
    missing.reverse()
    try:
        os.makedirs(full, exist_ok=True)
    except OSError as e:
        raise ResultError("%s: cannot create the output directory: %s" % (path, e.strerror or e))
    if not os.path.isdir(full):
        raise ResultError("%s: not a directory; --out names a directory for the result files (created if "
                          "missing)" % path)
    return missing


def _new_file_mode(path):
    """The permissions of the existing file ``path``, or None when there is none (a new file gets ``open()``'s)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def write_atomically(path, text):
    """Writes ``text`` to ``path`` through a temporary file in the same directory and a rename.

    The file keeps the permissions of the file it replaces, or, when new, gets those a plain ``open()`` gives
    (0666 less the umask). A symbolic link is followed (its target is replaced). Raises ``ResultError`` naming the
    file if it cannot be written.
    """
    target = os.path.realpath(path)
    d = os.path.dirname(target)
    tmp = None
    try:
        os.makedirs(d, exist_ok=True)
        mode = _new_file_mode(target)
        for _ in range(100):
            candidate = os.path.join(d, ".%s.%s.tmp" % (os.path.basename(target), binascii.hexlify(os.urandom(6))
                                                        .decode("ascii")))
            try:
                # the kernel applies the umask to 0o666, as for open(path, "w")
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue
            tmp = candidate
            break
        else:
            raise FileExistsError(errno.EEXIST, "no free temporary file name", d)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            if mode is not None:
                os.chmod(tmp, mode)
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        raise ResultError("%s: cannot write: %s" % (path, e.strerror or e))
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)


def write_json(path, doc):
    """Writes ``doc`` as indented JSON, atomically."""
    write_atomically(path, json.dumps(doc, indent=1, sort_keys=False) + "\n")
