"""The command line: plan mode, bad input exits 2 with the message, and Python 3.6 compatibility of the sources."""

import ast
import contextlib
import glob
import io
import os
import signal
import sys
import tempfile
import time
import unittest
from unittest import mock

import fake_torch

from edgenas_profiler import cli, jetson
from edgenas_profiler.meters import SampledMeter
from fixtures import chain_k3n8s1, write_json

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, out.getvalue(), err.getvalue()


class CliTest(unittest.TestCase):
    """The command line on sweep files, without PyTorch or sensors."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.sweep = os.path.join(self.tmp.name, "s.json")

    def tearDown(self):
        self.tmp.cleanup()

    def test_plan_counts_rows_per_file_and_bounds_the_duration(self):
        write_json(self.sweep, {"backend": {"name": "nvml"}, "method": {"warmup_s": 1, "window_s": 0.5,
                                                                          "repetitions": 2, "idle_s": 5,
                                                                          "settle_s": 5},
                                "conv": {"grids": [{"batch": [1, 32], "in_hw": [8], "in_ch": [3], "kernel": [3],
                                                    "kernels": [8, 16, 32]}]},
                                "fc": {"grids": [{"batch": [1], "in_features": [64], "out_features": [10]}]}})
        status, out, _ = run([self.sweep, "--plan"])
        self.assertEqual(status, 0)
        self.assertIn("conv.csv                          6 rows", out)
        self.assertIn("fc.csv                            1 rows", out)
        # 7 rows x (1 s + 2 x 0.5 s) + 2 x (5 + 5) s of idle = 34 s
        self.assertIn("at least 0.6 min", out)

    def test_plan_of_networks_advises_a_sample_size(self):
        # one calibration network (k3n8s1 hashes to 0.858 of 2^32, above validation_fraction 0.2) at two batch sizes
        write_json(os.path.join(self.tmp.name, "nets", "a.json"), chain_k3n8s1())
        write_json(self.sweep, {"backend": {"name": "nvml"},
                                "networks": {"files": ["nets/*.json"], "batch": [1, 8]}})
        status, out, _ = run([self.sweep, "--plan"])
        self.assertEqual(status, 0)
        self.assertIn("sample size: 1 calibration networks", out)
        self.assertIn("5      0.908     0.771      <- this sweep", out)
        self.assertIn("warning: fewer than 20 calibration networks", out)

    def test_plan_of_layers_gives_no_sample_size_advice(self):
        write_json(self.sweep, {"backend": {"name": "nvml"},
                                "fc": {"grids": [{"batch": [1], "in_features": [8], "out_features": [8]}]}})
        status, out, _ = run([self.sweep, "--plan"])
        self.assertEqual(status, 0)
        self.assertNotIn("sample size", out)

    def test_bad_sweep_exits_2_with_the_message(self):
        write_json(self.sweep, {"backend": {"name": "nvml"}, "fc": {"grids": [{"batch": [0]}]}})
        status, out, err = run([self.sweep, "--out", os.path.join(self.tmp.name, "out")])
        self.assertEqual(status, 2)
        self.assertIn("error: %s: fc.grids[0].batch: element 0: expected an integer >= 1, got 0" % self.sweep, err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "out")))

    def test_out_is_required_to_measure(self):
        write_json(self.sweep, {"backend": {"name": "nvml"},
                                "fc": {"grids": [{"batch": [1], "in_features": [8], "out_features": [8]}]}})
        status, _, err = run([self.sweep])
        self.assertEqual(status, 2)
        self.assertIn("give --out DIR", err)

    def test_missing_pytorch_is_a_setup_error(self):
        try:
            import torch  # noqa: F401
            self.skipTest("PyTorch is installed here")
        except ImportError:
            pass
        write_json(self.sweep, {"backend": {"name": "nvml"},
                                "fc": {"grids": [{"batch": [1], "in_features": [8], "out_features": [8]}]}})
        status, _, err = run([self.sweep, "--out", os.path.join(self.tmp.name, "out")])
        self.assertEqual(status, 2)
        self.assertIn("needs PyTorch", err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "out")))


    def test_ina3221_backend_on_a_simulated_sysfs_tree_measures_energy(self):
        dev = os.path.join(self.tmp.name, "bus/i2c/drivers/ina3221x/7-0040/iio:device0")
        os.makedirs(dev)
        for ch, (name, mw) in enumerate([("VDD_IN", 4000), ("VDD_SOC", 1000)]):
            with open(os.path.join(dev, "rail_name_%d" % ch), "w") as f:
                f.write(name + "\n")
            with open(os.path.join(dev, "in_power%d_input" % ch), "w") as f:
                f.write("%d\n" % mw)
        backend = {"name": "ina3221", "rails": None, "sysfs_root": self.tmp.name, "sample_hz": 500.0,
                   "rail_files": None}
        meter, info = cli.open_backend(backend, "Xavier")
        self.assertIsInstance(meter, SampledMeter)
        self.assertEqual(info["gpu"], "Xavier")
        meter.open()
        try:
            a = meter.mark()
            time.sleep(0.05)
            b = meter.mark()
            # VDD_IN only, a constant 4 W
            self.assertAlmostEqual(meter.energy_mj(a, b), 4.0 * (b.t - a.t) * 1000.0, places=6)
            self.assertEqual(meter.describe()["rails"][0]["name"], "VDD_IN")
            self.assertIsNone(meter.describe()["sensor_update_period_s"], "a constant file never updates")
        finally:
            meter.close()
        backend["rails"] = ["VDD_GPU"]
        with self.assertRaises(jetson.RailError) as e:
            cli.open_backend(backend, "Xavier")
        self.assertIn("rails found: VDD_IN, VDD_SOC", str(e.exception))


class CliMeasureTest(unittest.TestCase):
    """The command line measuring with the shape-only PyTorch and a rail file of constant power."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.sweep = os.path.join(self.tmp.name, "s.json")
        self.out = os.path.join(self.tmp.name, "out")
        rail = os.path.join(self.tmp.name, "rail")
        with open(rail, "w") as f:
            f.write("5000\n")
        self.doc = {"device": "cpu", "shuffle": False,
                    "backend": {"name": "ina3221", "rail_files": [{"name": "VDD_IN", "power_mw": rail}],
                                "sample_hz": 500},
                    "method": {"warmup_s": 0, "window_s": 0.01, "sensor_periods": 1, "repetitions": 1,
                               "idle_s": 0.01, "settle_s": 0},
                    "fc": {"grids": [{"batch": [1], "in_features": [8], "out_features": [4, 8]}]}}
        write_json(self.sweep, self.doc)
        torch = mock.patch.dict(sys.modules, {"torch": fake_torch, "torch.nn": fake_torch.nn})
        torch.start()
        self.addCleanup(torch.stop)
        handler = signal.getsignal(signal.SIGTERM)
        self.addCleanup(signal.signal, signal.SIGTERM, handler)

    def tearDown(self):
        self.tmp.cleanup()

    def assert_one_line_error(self, status, err, start):
        self.assertEqual(status, 2)
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertTrue(err.startswith("error: " + start), err)

    def test_sweep_is_measured(self):
        status, out, err = run([self.sweep, "--out", self.out])
        self.assertEqual(status, 0, err)
        self.assertIn("2 row(s) measured, 0 already there, 0 failed", out)
        self.assertEqual(sorted(os.listdir(self.out)), ["fc.csv", "fc.reps.csv", "meta.json"])

    def test_unusable_out_is_one_line_and_nothing_is_measured(self):
        plain = os.path.join(self.tmp.name, "plain")
        with open(plain, "w") as f:
            f.write("x\n")
        outs = [plain, os.path.join(plain, "out")]
        if os.path.isdir("/proc/self"):
            outs.append("/proc/edgenas-profiler-test")  # not creatable, even by root
        for out in outs:
            with self.subTest(out=out):
                status, stdout, err = run([self.sweep, "--out", out])
                self.assert_one_line_error(status, err, out + ": ")
                self.assertNotIn("idle power", stdout)
        with open(plain) as f:
            self.assertEqual(f.read(), "x\n")

    def test_setup_failure_leaves_nothing_so_the_same_command_runs_again(self):
        self.doc["backend"] = {"name": "tegrastats", "command": "/bin/false"}
        write_json(self.sweep, self.doc)
        for attempt in (1, 2):
            with self.subTest(attempt=attempt):
                status, _, err = run([self.sweep, "--out", self.out])
                self.assert_one_line_error(status, err, "power sampling failed: tegrastats stopped (exit status 1)")
                self.assertFalse(os.path.exists(self.out))

    def test_ctrl_c_while_starting_is_one_line_and_leaves_nothing(self):
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt()
        with mock.patch.object(cli, "open_backend", interrupted):
            status, _, err = run([self.sweep, "--out", self.out])
        self.assertEqual(status, 130)
        self.assertEqual(err.strip(), "interrupted before any measurement; nothing written")
        self.assertFalse(os.path.exists(self.out))

    def test_damaged_result_files_on_resume_are_one_located_line(self):
        status, _, err = run([self.sweep, "--out", self.out])
        self.assertEqual(status, 0, err)
        meta = os.path.join(self.out, "meta.json")
        with open(meta, "rb") as f:
            good = f.read()
        for name, content, start in (("meta.json", b'{"sessions": [', meta + ":1: malformed JSON"),
                                     ("meta.json", b"[]", meta + ": expected a JSON object"),
                                     ("fc.csv", b"batch,in_features\n\xff\n", self.out + "/fc.csv:2: not UTF-8")):
            with self.subTest(name=name, content=content):
                path = os.path.join(self.out, name)
                with open(path, "rb") as f:
                    before = f.read()
                with open(path, "wb") as f:
                    f.write(content)
                status, _, err = run([self.sweep, "--out", self.out, "--resume"])
                self.assert_one_line_error(status, err, start)
                with open(path, "wb") as f:
                    f.write(before)
        with open(meta, "rb") as f:
            self.assertEqual(f.read(), good)

    def test_written_files_have_the_umask_permissions(self):
        old = os.umask(0o022)
        try:
            status, _, err = run([self.sweep, "--out", self.out])
            self.assertEqual(status, 0, err)
            status, _, err = run([self.sweep, "--out", self.out, "--resume"])
            self.assertEqual(status, 0, err)
        finally:
            os.umask(old)
        for name in ("fc.csv", "fc.reps.csv", "meta.json"):
            self.assertEqual(os.stat(os.path.join(self.out, name)).st_mode & 0o777, 0o644, name)


class CompatibilityTest(unittest.TestCase):
    """The sources stay runnable on the Python of JetPack 4."""

    def test_sources_parse_as_python_3_6(self):
        # JetPack 4 boards (TX2, Nano, Xavier NX on L4T R32) ship Python 3.6
        root = os.path.dirname(HERE)
        files = glob.glob(os.path.join(root, "edgenas_profiler", "*.py")) + glob.glob(os.path.join(HERE, "*.py"))
        files.append(os.path.join(root, "profile_board.py"))
        for path in files:
            with open(path) as f:
                with self.subTest(path=os.path.basename(path)):
                    ast.parse(f.read(), path, feature_version=(3, 6))


if __name__ == "__main__":
    unittest.main()
