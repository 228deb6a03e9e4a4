"""Whole sweeps on a simulated board: values per row, row-by-row results, interruption and resume, failed rows."""

import csv
import json
import os
import tempfile
import unittest

from edgenas_profiler import driver
from edgenas_profiler.energy import MeasurementError
from edgenas_profiler.results import ResultError
from edgenas_profiler.sweep import FcTask, Method, Sweep
from simulated import BUSY_W, IDLE_W, FakeBoard, FakeRunner

TASKS = tuple(FcTask(b, 64, 10) for b in (1, 2, 3, 4, 5))
METHOD = Method(warmup_s=0.1, window_s=0.25, sensor_periods=20, repetitions=3, idle_s=1.0, settle_s=0.5)


def make_sweep(tasks=TASKS, method=METHOD):
    return Sweep("sweep.json", "test", "cuda:0", "fp32", False, True, 0, {"name": "nvml"}, method, tasks)


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


class DriverTest(unittest.TestCase):
    """Sweeps on the simulated board, whose energies and latencies are known."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.tmp.name, "out")
        self.log = []

    def tearDown(self):
        self.tmp.cleanup()

    def run_sweep(self, board, runner, resume=False, sweep=None):
        return driver.run(sweep or make_sweep(), self.out, board.meter(), runner, resume=resume,
                          log=self.log.append, clock=board.clock, sleep=board.sleep, extra_meta={"gpu": "sim"})

    def meta(self):
        with open(os.path.join(self.out, "meta.json")) as f:
            return json.load(f)

    def assert_row_values(self, row):
        lat = 1.0 + int(row["batch"])
        # total = 15 W x latency; dynamic = total - 10 W x latency = 5 W x latency (W x ms = mJ)
        self.assertAlmostEqual(float(row["energy_total_mj_per_inf"]), BUSY_W * lat, places=6)
        self.assertAlmostEqual(float(row["energy_dynamic_mj_per_inf"]), (BUSY_W - IDLE_W) * lat, places=6)
        self.assertAlmostEqual(float(row["latency_ms"]), lat, places=6)
        self.assertAlmostEqual(float(row["seconds"]) / int(row["iters"]) * 1000.0, lat, places=6)
        self.assertEqual(int(row["macs"]), int(row["batch"]) * 64 * 10)

    def test_every_row_is_measured_with_the_simulated_values(self):
        board = FakeBoard()
        runner = FakeRunner(board)
        outcome = self.run_sweep(board, runner)
        self.assertTrue(runner.readied, "the device is initialised before idle power is measured")
        self.assertEqual((outcome.measured, outcome.exit_code()), (5, 0))
        fc = rows(os.path.join(self.out, "fc.csv"))
        self.assertEqual([r["batch"] for r in fc], ["1", "2", "3", "4", "5"])
        for r in fc:
            self.assert_row_values(r)
            # each of 3 windows is at least 0.25 s
            self.assertGreaterEqual(float(r["seconds"]), 3 * 0.25)
        reps = rows(os.path.join(self.out, "fc.reps.csv"))
        self.assertEqual(len(reps), 15)
        self.assertEqual([r["rep"] for r in reps[:3]], ["0", "1", "2"])
        self.assertAlmostEqual(float(reps[0]["idle_w"]), IDLE_W, places=6)
        meta = self.meta()
        self.assertAlmostEqual(meta["idle_w_start"], IDLE_W, places=6)
        self.assertAlmostEqual(meta["idle_w_end"], IDLE_W, places=6)
        self.assertEqual(meta["window_s"], 0.25)
        self.assertEqual((meta["gpu"], meta["dtype"], meta["backend"]), ("sim", "float32", "nvml"))
        self.assertEqual(meta["sessions"][0]["status"], "complete")
        self.assertEqual(meta["sessions"][0]["rows_measured"], 5)

    def test_window_is_long_enough_for_a_slow_sensor(self):
        # a counter updated every 20 ms: 20 sensor periods = 0.4 s > window_s 0.25 s; worst case 5 % per window
        board = FakeBoard(counter_step_s=0.020)
        self.run_sweep(board, FakeRunner(board), sweep=make_sweep(TASKS[:1]))
        meta = self.meta()
        self.assertAlmostEqual(meta["window_s"], 0.4, places=6)
        self.assertAlmostEqual(meta["sensor_resolution_pct"], 5.0, places=6)
        [row] = rows(os.path.join(self.out, "fc.csv"))
        self.assertGreaterEqual(float(row["seconds"]), 3 * 0.4)
        # quantisation error at most one 20 ms step of 15 W at each end of a 0.4 s window: 2 x 5 % here
        self.assertAlmostEqual(float(row["energy_total_mj_per_inf"]), BUSY_W * 2.0, delta=BUSY_W * 2.0 * 0.1)

    def test_interrupted_sweep_keeps_its_rows_and_resume_measures_only_the_rest(self):
        board = FakeBoard()
        outcome = self.run_sweep(board, FakeRunner(board, interrupt_at=3))
        self.assertTrue(outcome.interrupted)
        self.assertEqual(outcome.exit_code(), 130)
        self.assertEqual([r["batch"] for r in rows(os.path.join(self.out, "fc.csv"))], ["1", "2"])
        self.assertEqual(self.meta()["sessions"][0]["status"], "interrupted")

        runner = FakeRunner(board)
        outcome = self.run_sweep(board, runner, resume=True)
        self.assertEqual(outcome.exit_code(), 0)
        self.assertEqual((outcome.skipped, outcome.measured), (2, 3))
        self.assertEqual([t.batch for t in runner.prepared], [3, 4, 5])
        fc = rows(os.path.join(self.out, "fc.csv"))
        self.assertEqual(sorted(r["batch"] for r in fc), ["1", "2", "3", "4", "5"])
        for r in fc:
            self.assert_row_values(r)
        self.assertEqual(len(rows(os.path.join(self.out, "fc.reps.csv"))), 15)
        meta = self.meta()
        self.assertEqual([s["status"] for s in meta["sessions"]], ["interrupted", "complete"])
        self.assertTrue(any("2 of 5 rows already measured" in line for line in self.log))

    def test_resume_repairs_a_cut_row_and_drops_orphan_repetitions(self):
        board = FakeBoard()
        self.run_sweep(board, FakeRunner(board, interrupt_at=3))
        with open(os.path.join(self.out, "fc.csv"), "a") as f:
            f.write("3,64,10,1920,12")  # killed while writing the summary of batch 3
        with open(os.path.join(self.out, "fc.reps.csv"), "a") as f:
            f.write("3,64,10,0,60,0.24,960,16,5.3,4,10\n")  # batch 3's first repetition was written
        self.run_sweep(board, FakeRunner(board), resume=True)
        fc = rows(os.path.join(self.out, "fc.csv"))
        self.assertEqual(sorted(r["batch"] for r in fc), ["1", "2", "3", "4", "5"])
        reps = rows(os.path.join(self.out, "fc.reps.csv"))
        self.assertEqual(len(reps), 15)
        self.assertEqual(sorted(r["batch"] for r in reps).count("3"), 3)
        self.assertTrue(any("cut short" in line for line in self.log))
        self.assertTrue(any("dropped 1 repetition row(s)" in line for line in self.log))

    def test_failed_row_is_reported_left_out_and_retried_on_resume(self):
        board = FakeBoard()
        outcome = self.run_sweep(board, FakeRunner(board, fail={TASKS[1]}))
        self.assertEqual(outcome.exit_code(), 3)
        self.assertEqual(outcome.failed, [("fc b2 64->10", "RuntimeError: CUDA out of memory. Tried to allocate "
                                                           "2.00 GiB")])
        self.assertEqual([r["batch"] for r in rows(os.path.join(self.out, "fc.csv"))], ["1", "3", "4", "5"])
        self.assertEqual(self.meta()["sessions"][0]["status"], "complete, 1 row(s) failed")
        runner = FakeRunner(board)
        self.assertEqual(self.run_sweep(board, runner, resume=True).exit_code(), 0)
        self.assertEqual(runner.prepared, [TASKS[1]])

    def test_existing_measurements_need_resume(self):
        board = FakeBoard()
        self.run_sweep(board, FakeRunner(board), sweep=make_sweep(TASKS[:1]))
        with self.assertRaises(ResultError) as e:
            self.run_sweep(board, FakeRunner(board), sweep=make_sweep(TASKS[:1]))
        self.assertIn("meta.json already exists; pass --resume", str(e.exception))

    def test_resume_on_another_precision_is_refused(self):
        board = FakeBoard()
        self.run_sweep(board, FakeRunner(board, interrupt_at=2))
        with self.assertRaises(ResultError) as e:
            self.run_sweep(board, FakeRunner(board, dtype="float16"), resume=True)
        self.assertIn("taken with dtype = 'float32', this run would use 'float16'", str(e.exception))

    def test_idle_power_is_measured_again_when_asked(self):
        board = FakeBoard()
        method = METHOD._replace(idle_every_s=1.0)
        self.run_sweep(board, FakeRunner(board), sweep=make_sweep(method=method))
        idles = self.meta()["sessions"][0]["idle_w"]
        # each row takes about 0.1 s warm-up + 3 x 0.25 s windows, so idle is measured before, after every second
        # row, and after the sweep
        self.assertGreaterEqual(len(idles), 4)
        for w in idles:
            self.assertAlmostEqual(w, IDLE_W, places=6)


    def test_sensor_failure_at_start_stops_the_sweep_and_leaves_nothing_behind(self):
        board = FakeBoard()
        board.counter = lambda: 42.0  # a counter that never updates
        with self.assertRaises(MeasurementError) as e:
            driver.run(make_sweep(), self.out, board.meter(), FakeRunner(board), log=self.log.append,
                       clock=board.clock, sleep=board.sleep)
        self.assertIn("seems not to update", str(e.exception))
        # nothing was measured: the directory this run created is gone, so the same command can run again
        self.assertFalse(os.path.exists(self.out))
        board = FakeBoard()
        self.assertEqual(self.run_sweep(board, FakeRunner(board)).exit_code(), 0)

    def test_setup_failure_removes_only_what_the_run_created(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "notes.txt"), "w") as f:
            f.write("mine\n")
        board = FakeBoard()
        runner = FakeRunner(board)
        runner.ready = lambda: (_ for _ in ()).throw(RuntimeError("CUDA error: no kernel image"))
        with self.assertRaises(RuntimeError):
            self.run_sweep(board, runner)
        self.assertEqual(os.listdir(self.out), ["notes.txt"])
        nested = os.path.join(self.tmp.name, "a", "b", "out")
        board = FakeBoard()
        board.counter = lambda: 42.0
        with self.assertRaises(MeasurementError):
            driver.run(make_sweep(), nested, board.meter(), FakeRunner(board), log=self.log.append,
                       clock=board.clock, sleep=board.sleep)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "a")))

    def test_sensor_failure_on_resume_keeps_the_rows_and_records_the_session(self):
        board = FakeBoard()
        self.run_sweep(board, FakeRunner(board, interrupt_at=3))
        board = FakeBoard()
        board.counter = lambda: 42.0
        with self.assertRaises(MeasurementError):
            self.run_sweep(board, FakeRunner(board), resume=True)
        self.assertEqual([r["batch"] for r in rows(os.path.join(self.out, "fc.csv"))], ["1", "2"])
        sessions = self.meta()["sessions"]
        self.assertEqual(sessions[0]["status"], "interrupted")
        self.assertTrue(sessions[1]["status"].startswith("stopped: MeasurementError"))

    def test_interruption_before_any_row_leaves_nothing_behind(self):
        board = FakeBoard()
        outcome = self.run_sweep(board, FakeRunner(board, interrupt_at=1))
        self.assertEqual((outcome.exit_code(), outcome.measured), (130, 0))
        self.assertFalse(os.path.exists(self.out))
        self.assertIn("interrupted before any row was measured; the files this session created are removed",
                      self.log)
        board = FakeBoard()
        self.assertEqual(self.run_sweep(board, FakeRunner(board)).exit_code(), 0)

    def test_damaged_meta_json_is_one_located_error(self):
        board = FakeBoard()
        self.run_sweep(board, FakeRunner(board, interrupt_at=2))
        meta = os.path.join(self.out, "meta.json")
        cases = [
            (b'{"sessions": [', "meta.json:1: malformed JSON: Expecting value (column 15)"),
            (b"[]", "meta.json: expected a JSON object (the sweep's metadata), got a list"),
            (b'{"sessions": {}}', "meta.json: sessions: expected a list of objects, got an object"),
            (b'{"sessions": [[]]}', "meta.json: sessions[0]: expected an object, got a list"),
            (b'{"sessions": [{"elapsed_s": "1 s"}]}', "meta.json: sessions[0].elapsed_s: expected a number, got text"),
            (b'{\n"device_name": "caf\xe9"}', "meta.json:2: not UTF-8 text (byte 0xe9)"),
        ]
        for content, expected in cases:
            with self.subTest(content=content):
                with open(meta, "wb") as f:
                    f.write(content)
                with self.assertRaises(ResultError) as e:
                    self.run_sweep(board, FakeRunner(board), resume=True)
                self.assertIn(os.path.join(self.out, expected), str(e.exception))
                self.assertIn("repair it or choose another --out directory", str(e.exception))

    def test_output_directory_that_cannot_be_created_is_a_result_error(self):
        plain = os.path.join(self.tmp.name, "plain")
        with open(plain, "w") as f:
            f.write("x\n")
        board = FakeBoard()
        for out in (plain, os.path.join(plain, "out")):
            with self.subTest(out=out):
                with self.assertRaises(ResultError) as e:
                    driver.run(make_sweep(), out, board.meter(), FakeRunner(board), log=self.log.append,
                               clock=board.clock, sleep=board.sleep)
                self.assertTrue(str(e.exception).startswith(out + ": "), str(e.exception))

    def test_files_written_whole_have_the_permissions_of_the_others(self):
        old = os.umask(0o022)
        try:
            board = FakeBoard()
            self.run_sweep(board, FakeRunner(board, interrupt_at=3))
            with open(os.path.join(self.out, "fc.reps.csv"), "a") as f:
                f.write("3,64,10,0,60,0.24,960,16,5.3,4,10\n")  # an orphan repetition: the file is rewritten
            self.run_sweep(board, FakeRunner(board), resume=True)
            self.assertTrue(any("dropped 1 repetition row(s)" in line for line in self.log))
            for name in ("fc.csv", "fc.reps.csv", "meta.json"):
                mode = os.stat(os.path.join(self.out, name)).st_mode & 0o777
                self.assertEqual(mode, 0o644, "%s is %o" % (name, mode))
        finally:
            os.umask(old)


    def test_a_sampled_sensor_that_never_changes_is_warned_about(self):
        board = FakeBoard()
        meter = board.meter()
        describe = meter.describe
        meter.describe = lambda: dict(describe(), sensor_update_period_s=None)
        driver.run(make_sweep(TASKS[:1]), self.out, meter, FakeRunner(board), log=self.log.append,
                   clock=board.clock, sleep=board.sleep)
        self.assertTrue(any(line.startswith("warning: the power reading did not change") for line in self.log))


if __name__ == "__main__":
    unittest.main()
