"""Result files: the exact schemas of the reference data, row-by-row appends, and resume of damaged files."""

import csv
import os
import tempfile
import unittest

from edgenas_profiler.results import (KEYS, SCHEMAS, ResultError, ResultFile, check_out_dir, kind_of, make_out_dir,
                                      write_atomically)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("EDGENAS_DATA", os.path.join(HERE, "..", "..", "..", "..", "shared", "data"))


def header(path):
    with open(path) as f:
        return tuple(next(csv.reader(f)))


class SchemaTest(unittest.TestCase):
    """Column names of the result files."""

    def test_layer_schemas_are_the_reference_headers(self):
        self.assertEqual(SCHEMAS["conv"], ("batch", "in_hw", "in_ch", "kernel", "kernels", "stride", "macs", "iters",
                                           "seconds", "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf",
                                           "latency_ms"))
        self.assertEqual(SCHEMAS["fc"], ("batch", "in_features", "out_features", "macs", "iters", "seconds",
                                         "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf", "latency_ms"))

    def test_layer_schemas_equal_the_shared_h200_files(self):
        conv = os.path.join(DATA, "h200", "conv.csv")
        if not os.path.exists(conv):
            self.skipTest("reference data not found at %s (set EDGENAS_DATA)" % DATA)
        self.assertEqual(SCHEMAS["conv"], header(conv))
        self.assertEqual(SCHEMAS["fc"], header(os.path.join(DATA, "h200", "fc.csv")))

    def test_network_schema_has_what_nas_calibrate_reads(self):
        for column in ("arch_str", "split", "batch", "energy_total_mj_per_inf", "energy_dynamic_mj_per_inf",
                       "latency_ms"):
            self.assertIn(column, SCHEMAS["networks"])
        self.assertEqual(kind_of("networks-nb201-b1"), "networks")
        self.assertEqual(kind_of("conv"), "conv")


class ResultFileTest(unittest.TestCase):
    """Appending, resuming and repairing result files."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "out", "fc.csv")

    def tearDown(self):
        self.tmp.cleanup()

    def fc(self):
        return ResultFile(self.path, SCHEMAS["fc"], KEYS["fc"])

    def lines(self):
        with open(self.path) as f:
            return f.read().splitlines()

    def test_each_row_is_on_disk_as_soon_as_it_is_appended(self):
        f = self.fc()
        self.assertEqual(f.open(resume=False), set())
        f.append([1, 64, 10, 640, 100, "0.25", "1.5", "0.25", "0.0025"])
        # read while still open: the row is there
        self.assertEqual(self.lines(), [",".join(SCHEMAS["fc"]), "1,64,10,640,100,0.25,1.5,0.25,0.0025"])
        f.close()

    def test_resume_returns_the_keys_already_measured(self):
        f = self.fc()
        f.open(resume=False)
        f.append([1, 64, 10, 640, 100, "0.25", "1.5", "0.25", "0.0025"])
        f.append([32, 64, 10, 20480, 90, "0.25", "1.6", "0.3", "0.0028"])
        f.close()
        g = self.fc()
        self.assertEqual(g.open(resume=True), {("1", "64", "10"), ("32", "64", "10")})
        g.close()

    def test_existing_file_without_resume_is_an_error(self):
        first = self.fc()
        first.open(resume=False)
        first.close()
        with self.assertRaises(ResultError) as e:
            self.fc().open(resume=False)
        self.assertIn("fc.csv already holds measurements; pass --resume", str(e.exception))

    def test_row_cut_short_by_an_interruption_is_removed_on_resume(self):
        f = self.fc()
        f.open(resume=False)
        f.append([1, 64, 10, 640, 100, "0.25", "1.5", "0.25", "0.0025"])
        f.close()
        with open(self.path, "a") as raw:
            raw.write("32,64,10,204")
        g = self.fc()
        self.assertEqual(g.open(resume=True), {("1", "64", "10")})
        self.assertTrue(g.repaired)
        g.append([32, 64, 10, 20480, 90, "0.25", "1.6", "0.3", "0.0028"])
        g.close()
        self.assertEqual(self.lines()[1:], ["1,64,10,640,100,0.25,1.5,0.25,0.0025",
                                            "32,64,10,20480,90,0.25,1.6,0.3,0.0028"])

    def test_other_header_is_not_resumed(self):
        os.makedirs(os.path.dirname(self.path))
        with open(self.path, "w") as raw:
            raw.write("batch,in_features,out_features,macs,energy_mj\n")
        with self.assertRaises(ResultError) as e:
            self.fc().open(resume=True)
        self.assertIn("header batch,in_features,out_features,macs,energy_mj differs", str(e.exception))

    def test_damaged_row_in_the_middle_is_reported_with_its_line(self):
        os.makedirs(os.path.dirname(self.path))
        with open(self.path, "w") as raw:
            raw.write(",".join(SCHEMAS["fc"]) + "\n1,64,10\n1,64,64,4096,1,1,1,1,1\n")
        with self.assertRaises(ResultError) as e:
            self.fc().open(resume=True)
        self.assertIn("fc.csv:2: 3 fields, expected 9", str(e.exception))

    def test_rows_whose_key_is_not_kept_are_dropped_before_appending(self):
        columns = KEYS["fc"] + ("rep", "x")
        f = ResultFile(self.path, columns, KEYS["fc"])
        f.open(resume=False)
        f.append([1, 64, 10, 0, 1])
        f.append([1, 64, 64, 0, 2])
        f.close()
        g = ResultFile(self.path, columns, KEYS["fc"])
        self.assertEqual(g.open(resume=True, keep={("1", "64", "10")}), {("1", "64", "10")})
        self.assertEqual(g.dropped, 1)
        g.append([1, 64, 64, 0, 3])
        g.close()
        self.assertEqual(self.lines(), ["batch,in_features,out_features,rep,x", "1,64,10,0,1", "1,64,64,0,3"])

    def test_file_that_is_not_utf8_is_reported_with_its_line_and_left_alone(self):
        os.makedirs(os.path.dirname(self.path))
        data = (",".join(SCHEMAS["fc"]) + "\n1,64,10,640,100,0.25,1.5,0.25,0.0025\n").encode() + b"1,\xff,10\n3,6"
        with open(self.path, "wb") as raw:
            raw.write(data)
        with self.assertRaises(ResultError) as e:
            self.fc().open(resume=True)
        self.assertIn("fc.csv:3: not UTF-8 text (byte 0xff); the file was edited or damaged", str(e.exception))
        with open(self.path, "rb") as raw:
            self.assertEqual(raw.read(), data, "a damaged file is not repaired")

    def test_unopenable_file_is_a_result_error(self):
        os.makedirs(self.path)  # a directory where the CSV belongs
        with self.assertRaises(ResultError) as e:
            self.fc().open(resume=True)
        self.assertIn("fc.csv: cannot read", str(e.exception))

    def test_atomic_write_gives_a_new_file_the_umask_permissions_and_keeps_an_existing_files(self):
        target = os.path.join(self.tmp.name, "meta.json")
        for umask, expected in ((0o022, 0o644), (0o027, 0o640), (0o077, 0o600)):
            with self.subTest(umask=oct(umask)):
                old = os.umask(umask)
                try:
                    if os.path.exists(target):
                        os.remove(target)
                    write_atomically(target, "{}\n")
                finally:
                    os.umask(old)
                self.assertEqual(os.stat(target).st_mode & 0o777, expected)
        os.chmod(target, 0o604)
        write_atomically(target, "{\"a\": 1}\n")
        self.assertEqual(os.stat(target).st_mode & 0o777, 0o604)

    def test_atomic_write_into_an_unusable_place_is_a_result_error(self):
        plain = os.path.join(self.tmp.name, "plain")
        with open(plain, "w") as f:
            f.write("x\n")
        with self.assertRaises(ResultError) as e:
            write_atomically(os.path.join(plain, "meta.json"), "{}\n")
        self.assertIn("plain/meta.json: cannot write", str(e.exception))

    def test_atomic_write_leaves_no_temporary_file(self):
        target = os.path.join(self.tmp.name, "meta.json")
        write_atomically(target, "{}\n")
        write_atomically(target, "{\"a\": 1}\n")
        self.assertEqual(os.listdir(self.tmp.name), ["meta.json"])
        with open(target) as f:
            self.assertEqual(f.read(), "{\"a\": 1}\n")


class OutputDirectoryTest(unittest.TestCase):
    """The --out directory is checked before anything is measured, and created cleanly."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.plain = os.path.join(self.tmp.name, "plain")
        with open(self.plain, "w") as f:
            f.write("x\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_usable_directories_pass_and_nothing_is_created(self):
        check_out_dir(self.tmp.name)
        check_out_dir(os.path.join(self.tmp.name, "a", "b"))
        self.assertEqual(sorted(os.listdir(self.tmp.name)), ["plain"])

    def test_unusable_directories_are_named(self):
        cases = [(self.plain, "plain: not a directory"),
                 (os.path.join(self.plain, "out"), "cannot create the output directory: %s is not a directory"
                  % self.plain),
                 (os.path.join(self.plain, "a", "b"), "cannot create the output directory: %s is not a directory"
                  % self.plain)]
        for path, expected in cases:
            with self.subTest(path=path):
                with self.assertRaises(ResultError) as e:
                    check_out_dir(path)
                self.assertTrue(str(e.exception).startswith(path + ": "))
                self.assertIn(expected, str(e.exception))

    def test_make_out_dir_returns_what_it_created(self):
        out = os.path.join(self.tmp.name, "a", "b")
        self.assertEqual(make_out_dir(out), [os.path.join(self.tmp.name, "a"), out])
        self.assertEqual(make_out_dir(out), [])
        with self.assertRaises(ResultError) as e:
            make_out_dir(os.path.join(self.plain, "out"))
        self.assertIn("plain/out: cannot create the output directory", str(e.exception))


if __name__ == "__main__":
    unittest.main()
