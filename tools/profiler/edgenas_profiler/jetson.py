"""NVIDIA Jetson power sensors: the INA3221 rails in sysfs, ``tegrastats`` output, and the board's power mode.

Two sysfs layouts exist (``root`` is ``/sys`` on a board):

- L4T R32 / JetPack 4 (TX2, Nano, Xavier NX, AGX Xavier): driver ``ina3221x`` exposes IIO devices,
  ``bus/i2c/drivers/ina3221x/<bus-addr>/iio:device<N>/rail_name_<ch>`` and ``in_power<ch>_input`` (mW).
- L4T R34+ / JetPack 5 and 6 (Xavier NX, AGX Xavier, Orin): the mainline ``ina3221`` driver exposes hwmon,
  ``bus/i2c/drivers/ina3221/<bus-addr>/hwmon/hwmon<N>/in<ch>_label``, ``in<ch>_input`` (mV) and
  ``curr<ch>_input`` (mA).

The rail that carries the whole module's input power is called ``VDD_IN`` on TX2, Xavier NX, AGX Xavier, Orin NX and
Orin Nano, ``POM_5V_IN`` on Nano and ``VIN_SYS_5V0`` on AGX Orin; by default the first of these that exists is used.
"""

import glob
import os
import re
import shutil
import subprocess
from typing import NamedTuple, Optional

#: Rails that carry the whole board's input power, in order of preference.
BOARD_INPUT_RAILS = ("VDD_IN", "POM_5V_IN", "VIN_SYS_5V0")


class RailError(Exception):
    """Rails that cannot be found or read; the message says where the profiler looked and how to override it."""


class Rail(NamedTuple):
    """One power rail: either a power file in mW, or a voltage file in mV and a current file in mA."""

    name: str
    power_mw: Optional[str] = None
    voltage_mv: Optional[str] = None
    current_ma: Optional[str] = None

    def read_w(self):
        """The rail's power in W now."""
        if self.power_mw is not None:
            return _read_number(self.power_mw) / 1000.0
        return _read_number(self.voltage_mv) * _read_number(self.current_ma) / 1e6

    def files(self):
        """The sysfs files this rail reads."""
        return [f for f in (self.power_mw, self.voltage_mv, self.current_ma) if f is not None]


def _read_number(path):
    with open(path) as f:
        text = f.read().strip()
    try:
        return float(text)
    except ValueError:
        raise RailError("%s: expected a number, read %r" % (path, text))


def _read_text(path):
    with open(path) as f:
        return f.read().strip()


def find_rails(root="/sys"):
    """Every INA3221 rail found under ``root`` in either sysfs layout, in path order."""
    rails = []
    for dev in sorted(glob.glob(os.path.join(root, "bus/i2c/drivers/ina3221x/*/iio:device*"))):
        for name_file in sorted(glob.glob(os.path.join(dev, "rail_name_*"))):
            channel = name_file.rsplit("_", 1)[1]
            power = os.path.join(dev, "in_power%s_input" % channel)
            if os.path.exists(power):
                rails.append(Rail(_read_text(name_file), power_mw=power))
    for hwmon in sorted(glob.glob(os.path.join(root, "bus/i2c/drivers/ina3221/*/hwmon/hwmon*"))):
        for label in sorted(glob.glob(os.path.join(hwmon, "in*_label"))):
            channel = re.match(r"in(\d+)_label$", os.path.basename(label)).group(1)
            voltage = os.path.join(hwmon, "in%s_input" % channel)
            current = os.path.join(hwmon, "curr%s_input" % channel)
            if os.path.exists(voltage) and os.path.exists(current):
                rails.append(Rail(_read_text(label), voltage_mv=voltage, current_ma=current))
    return rails


def select_rails(found, wanted=None, source="sysfs"):
    """The rails to sum: those named in ``wanted``, or the first board-input rail found.

    Raises ``RailError`` naming the rails that were found when a wanted rail is missing or none is a board input.
    """
    by_name = {}
    for r in found:
        by_name.setdefault(r.name, r)
    names = ", ".join(sorted(by_name)) or "none"
    if wanted:
        missing = [w for w in wanted if w not in by_name]
        if missing:
            raise RailError("rail(s) %s not found in %s; rails found: %s" % (", ".join(missing), source, names))
        return [by_name[w] for w in wanted]
    for candidate in BOARD_INPUT_RAILS:
        if candidate in by_name:
            return [by_name[candidate]]
    raise RailError("no board-input rail (%s) in %s; rails found: %s. Name the rails to sum in the sweep file's "
                    "backend.rails, or give their files in backend.rail_files" % (", ".join(BOARD_INPUT_RAILS),
                                                                                   source, names))


def rails_from_files(entries):
    """Rails given explicitly as ``{"name", "power_mw"}`` or ``{"name", "voltage_mv", "current_ma"}`` entries."""
    return [Rail(e["name"], e.get("power_mw"), e.get("voltage_mv"), e.get("current_ma")) for e in entries]


def sum_power_w(rails):
    """A reader of the summed power of ``rails`` in W."""
    rails = list(rails)
    return lambda: sum(r.read_w() for r in rails)


_TEGRASTATS_RAIL = re.compile(r"\b([A-Z][A-Z0-9_]*) (\d+)(?:mW)?/(\d+)(?:mW)?(?![\w%])")


def parse_tegrastats(line):
    """The instantaneous power in W of every rail in one ``tegrastats`` line, by rail name.

    Both formats are read: ``VDD_IN 3794/3794`` (JetPack 4, mW) and ``VDD_IN 5345mW/5345mW`` (JetPack 5+);
    the first number is the current value, the second the running average, which is ignored.
    """
    return {m.group(1): int(m.group(2)) / 1000.0 for m in _TEGRASTATS_RAIL.finditer(line)}


class TegrastatsSource:
    """Power samples from a running ``tegrastats --interval MS``: each line gives the sum of the selected rails."""

    def __init__(self, rails, interval_ms, command="tegrastats"):
        """``rails``: names to sum, or None for the first board-input rail in tegrastats' output."""
        if shutil.which(command) is None and not os.path.exists(command):
            raise RailError("'%s' not found; tegrastats ships with L4T (usually /usr/bin/tegrastats)" % command)
        self.rails = list(rails) if rails else None
        self._proc = subprocess.Popen([command, "--interval", str(int(interval_ms))], stdout=subprocess.PIPE,
                                      universal_newlines=True)

    def next_w(self):
        """Blocks until tegrastats prints its next line; the summed power of the selected rails in W."""
        line = self._proc.stdout.readline()
        if not line:
            raise RailError("tegrastats stopped (exit status %s)" % self._proc.poll())
        values = parse_tegrastats(line)
        if self.rails is None:
            self.rails = [r.name for r in select_rails([Rail(n) for n in values], None, "tegrastats output")]
        missing = [r for r in self.rails if r not in values]
        if missing:
            raise RailError("tegrastats line has no rail %s; rails in it: %s" % (", ".join(missing),
                                                                               ", ".join(sorted(values))))
        return sum(values[r] for r in self.rails)

    def close(self):
        """Stops tegrastats and closes the pipe it wrote to."""
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc.stdout.close()


def power_mode():
    """The board's power mode as ``nvpmodel -q`` and the L4T release file report it (values are None if absent)."""
    info = {"nvpmodel": None, "l4t_release": None}
    if shutil.which("nvpmodel"):
        try:
            out = subprocess.run(["nvpmodel", "-q"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True, timeout=10)
            info["nvpmodel"] = out.stdout.strip()
        except (OSError, subprocess.SubprocessError) as e:
            info["nvpmodel"] = "unavailable: %s" % e
    if os.path.exists("/etc/nv_tegra_release"):
        info["l4t_release"] = _read_text("/etc/nv_tegra_release").splitlines()[0]
    return info
