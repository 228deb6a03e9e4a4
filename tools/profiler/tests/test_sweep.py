"""Sweep files: expansion of grids, sampling, networks and splits, and precise errors for bad files."""

import glob
import os
import shutil
import tempfile
import unittest
from unittest import mock

from edgenas_profiler import sweep
from fixtures import chain_k3n8s1, modified, write_json

BASE = {"backend": {"name": "nvml"}, "shuffle": False}


class SweepTest(unittest.TestCase):
    """Sweep files: rows and errors."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "sweep.json")

    def tearDown(self):
        self.tmp.cleanup()

    def load(self, doc):
        write_json(self.path, doc)
        return sweep.load(self.path)

    def error(self, doc):
        with self.assertRaises(sweep.SweepError) as e:
            self.load(doc)
        return str(e.exception).replace(self.path, "sweep.json")

    def with_base(self, **parts):
        doc = dict(BASE)
        doc.update(parts)
        return doc

    def test_grids_are_cartesian_products(self):
        s = self.load(self.with_base(
            conv={"grids": [{"batch": [1, 32], "in_hw": [8, 16], "in_ch": [3], "kernel": [1, 3], "kernels": [16]}]},
            fc={"bias": False, "grids": [{"batch": [1], "in_features": [64, 256], "out_features": [10, 64]}]}))
        conv = [t for t in s.tasks if t.output() == "conv"]
        fc = [t for t in s.tasks if t.output() == "fc"]
        self.assertEqual(len(conv), 2 * 2 * 1 * 2 * 1)
        self.assertEqual(len(fc), 4)
        self.assertEqual(conv[0], sweep.ConvTask(1, 8, 3, 1, 16, 1, True))
        self.assertEqual(fc[-1], sweep.FcTask(1, 256, 64, False))
        self.assertEqual(s.method, sweep.Method())
        self.assertEqual(s.backend, {"name": "nvml", "gpu_index": 0, "mode": "counter", "sample_hz": 100.0})
        self.assertEqual((s.device, s.precision, s.name), ("cuda:0", "fp32", "sweep"))

    def test_macs_match_the_h200_reference_rows(self):
        # rows of shared/data/h200: conv 1,64,256,5,24,1 -> 629145600; conv 32,16,64,1,32,1 -> 16777216;
        # fc 1,64,10 -> 640
        self.assertEqual(sweep.ConvTask(1, 64, 256, 5, 24, 1).macs(), 629145600)
        self.assertEqual(sweep.ConvTask(32, 16, 64, 1, 32, 1).macs(), 16777216)
        self.assertEqual(sweep.FcTask(1, 64, 10).macs(), 640)
        # stride 2, kernel 3, padding 1 on 32x32: (32 + 2 - 3) // 2 + 1 = 16; 16*16*8*9*4 = 73728
        self.assertEqual(sweep.ConvTask(1, 32, 8, 3, 4, 2).macs(), 73728)

    def test_sample_draws_distinct_grid_points_reproducibly(self):
        grid = {"batch": [1, 32], "in_hw": [8, 16, 32], "in_ch": [3, 16], "kernel": [1, 3], "kernels": [8, 16],
                "sample": 5}
        a = self.load(self.with_base(conv={"grids": [grid]})).tasks
        b = self.load(self.with_base(conv={"grids": [grid]})).tasks
        c = self.load(self.with_base(seed=7, conv={"grids": [grid]})).tasks
        self.assertEqual(len(a), 5)
        self.assertEqual(len(set(a)), 5)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        for t in a:
            self.assertIn(t.in_hw, (8, 16, 32))

    def test_sample_of_a_huge_grid_draws_without_building_it(self):
        values = list(range(1, 151))
        grid = {"batch": values, "in_hw": values, "in_ch": values, "kernel": [1, 3], "kernels": values, "sample": 10}
        # 150^4 x 2 = 1.0e9 points: building them takes minutes and tens of GB, so they must not be listed
        with mock.patch.object(sweep.itertools, "product", side_effect=AssertionError("the grid was built")):
            tasks = self.load(self.with_base(conv={"grids": [grid]})).tasks
        self.assertEqual(len(set(tasks)), 10)
        for t in tasks:
            self.assertIn(t.kernel, (1, 3))
            self.assertIn(t.kernels, values)

    def test_sample_draws_the_points_that_sampling_the_whole_grid_drew(self):
        # the draws of random.sample over the listed Cartesian product, as every sweep measured so far was drawn
        import itertools
        import random
        lists = [[1, 8], [8, 16, 32, 64], [3, 16, 32], [1, 3, 5], [8, 16, 32, 64, 128], [1, 2]]
        keys = ("batch", "in_hw", "in_ch", "kernel", "kernels", "stride")
        for seed, n in ((0, 5), (3, 40), (11, 200), (5, 479)):
            with self.subTest(seed=seed, n=n):
                grid = dict(zip(keys, lists), sample=n)
                got = self.load(self.with_base(seed=seed, conv={"grids": [grid]})).tasks
                expected = random.Random(seed).sample(list(itertools.product(*lists)), n)
                self.assertEqual([tuple(t.columns()[:6]) for t in got], expected)

    def test_non_finite_numbers_are_refused_with_their_key(self):
        fc = {"grids": [{"batch": [1], "in_features": [8], "out_features": [8]}]}
        for key in ("warmup_s", "window_s", "idle_s", "settle_s", "idle_every_s"):
            with self.subTest(key=key):
                with open(self.path, "w") as f:
                    f.write('{"backend": {"name": "nvml"}, "fc": %s, "method": {"%s": Infinity}}'
                            % (sweep.json.dumps(fc), key))
                with self.assertRaises(sweep.SweepError) as e:
                    sweep.load(self.path)
                self.assertEqual("%s: method.%s: expected a finite number %s 0, got Infinity"
                                 % (self.path, key, ">" if key in ("window_s", "idle_s") else ">="), str(e.exception))
        with open(self.path, "w") as f:
            f.write('{"backend": {"name": "nvml", "sample_hz": NaN}, "fc": %s}' % sweep.json.dumps(fc))
        with self.assertRaises(sweep.SweepError) as e:
            sweep.load(self.path)
        self.assertIn("sweep.json: backend.sample_hz: expected a finite number > 0, got NaN", str(e.exception))

    def test_sweep_file_that_is_not_utf8_is_one_located_error(self):
        with open(self.path, "wb") as f:
            f.write(b"\xff\xfe\x00bad")
        with self.assertRaises(sweep.SweepError) as e:
            sweep.load(self.path)
        self.assertEqual("%s:1: not UTF-8 text (byte 0xff); save the sweep file as UTF-8" % self.path,
                         str(e.exception))
        with open(self.path, "wb") as f:
            f.write(b'{"backend": {"name": "nvml"},\n "name": "caf\xe9"}')
        with self.assertRaises(sweep.SweepError) as e:
            sweep.load(self.path)
        self.assertIn("sweep.json:2: not UTF-8 text (byte 0xe9)", str(e.exception))

    def test_overlapping_grids_measure_each_point_once(self):
        g1 = {"batch": [1], "in_hw": [8], "in_ch": [3], "kernel": [1, 3], "kernels": [16]}
        g2 = {"batch": [1], "in_hw": [8], "in_ch": [3], "kernel": [3, 5], "kernels": [16]}
        s = self.load(self.with_base(conv={"grids": [g1, g2]}))
        self.assertEqual([t.kernel for t in s.tasks], [1, 3, 5])

    def test_shuffle_keeps_the_rows_and_changes_the_order(self):
        grid = {"batch": [1, 2, 3, 4], "in_features": [8, 16, 32], "out_features": [4, 5]}
        ordered = self.load(self.with_base(fc={"grids": [grid]})).tasks
        shuffled = self.load(self.with_base(shuffle=True, fc={"grids": [grid]})).tasks
        self.assertEqual(sorted(ordered), sorted(shuffled))
        self.assertNotEqual(ordered, shuffled)

    def test_networks_come_from_spec_files_with_a_hash_split(self):
        write_json(os.path.join(self.tmp.name, "nets", "a.json"), chain_k3n8s1())
        s = self.load(self.with_base(networks={"files": ["nets/*.json"], "batch": [1, 8]}))
        self.assertEqual([t.output() for t in s.tasks], ["networks-chain-cnn-b1", "networks-chain-cnn-b8"])
        # MACs per forward pass: 8 x 303104
        self.assertEqual(s.tasks[1].columns(), ["chain-cnn", "k3n8s1", "calibration", 8, 2424832, 82154])

    def test_split_is_a_fixed_hash_of_the_architecture(self):
        # sha256 prefixes computed with sha256sum: all-none NB201 234a50f1 (0.138 of 2^32), k3n8s1 db91c91f (0.858)
        all_none = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"
        self.assertEqual(sweep.split_of(all_none, 0.2), "validation")
        self.assertEqual(sweep.split_of(all_none, 0.1), "calibration")
        self.assertEqual(sweep.split_of("k3n8s1", 0.85), "calibration")
        self.assertEqual(sweep.split_of("k3n8s1", 0.86), "validation")

    def test_method_and_backends(self):
        s = self.load(self.with_base(
            backend={"name": "ina3221", "rails": ["VDD_CPU_GPU_CV", "VDD_SOC"], "sample_hz": 200},
            method={"window_s": 1.0, "repetitions": 5, "idle_every_s": 300},
            fc={"grids": [{"batch": [1], "in_features": [8], "out_features": [8]}]}))
        self.assertEqual(s.method.window_s, 1.0)
        self.assertEqual(s.method.repetitions, 5)
        self.assertEqual(s.method.idle_every_s, 300.0)
        self.assertEqual(s.backend["rails"], ["VDD_CPU_GPU_CV", "VDD_SOC"])
        self.assertEqual(s.backend["sysfs_root"], "/sys")

    def test_errors_name_the_file_the_field_and_what_is_allowed(self):
        fc = {"grids": [{"batch": [1], "in_features": [8], "out_features": [8]}]}
        conv_grid = {"batch": [1], "in_hw": [8], "in_ch": [3], "kernel": [3], "kernels": [8]}
        cases = [
            (self.with_base(conv={"grids": [dict(conv_grid, kernel=[3, 4])]}),
             "sweep.json: conv.grids[0].kernel: 4 is even; \"same\" padding (kernel // 2) needs odd kernel sizes"),
            (self.with_base(conv={"grids": [dict(conv_grid, kernal=[3])]}),
             "sweep.json: conv.grids[0].kernal: unknown key; allowed keys in 'conv.grids[0]': batch, in_ch, in_hw, "
             "kernel, kernels, sample, stride"),
            (self.with_base(conv={"grids": [{k: v for k, v in conv_grid.items() if k != "in_ch"}]}),
             "sweep.json: conv.grids[0].in_ch: missing; expected a non-empty list of integers >= 1"),
            (self.with_base(conv={"grids": [dict(conv_grid, in_hw=[8, "16"])]}),
             "sweep.json: conv.grids[0].in_hw: element 1: expected an integer >= 1, got '16' (text)"),
            (self.with_base(conv={"grids": []}),
             "sweep.json: conv.grids: expected a non-empty list of objects, got []"),
            (self.with_base(fc=fc, convs={}),
             "sweep.json: convs: unknown key; allowed keys: allow_tf32, backend, conv, cudnn_benchmark, device, fc, "
             "method, name, networks, precision, seed, shuffle"),
            (self.with_base(fc=fc, method={"repetitions": 0}),
             "sweep.json: method.repetitions: expected an integer >= 1, got 0"),
            (self.with_base(fc=fc, method={"window_s": 0}),
             "sweep.json: method.window_s: expected a number > 0, got 0"),
            (self.with_base(fc=fc, precision="fp8"),
             "sweep.json: precision: 'fp8' (text) is not allowed; allowed values: fp32, fp16"),
            (self.with_base(fc=fc, device="gpu"),
             "sweep.json: device: 'gpu' is not allowed; allowed values: cpu, cuda, cuda:<index>"),
            ({"fc": fc}, "sweep.json: backend: missing; name an energy backend"),
            (self.with_base(fc=fc, backend={"name": "nvsmi"}),
             "sweep.json: backend.name: 'nvsmi' (text) is not allowed; allowed values: nvml, ina3221, tegrastats"),
            (self.with_base(fc=fc, backend={"name": "nvml", "rails": ["VDD_IN"]}),
             "sweep.json: backend.rails: unknown key; allowed keys in 'backend': gpu_index, mode, name, sample_hz"),
            (self.with_base(fc=fc, backend={"name": "ina3221", "rail_files": [{"name": "VDD_IN"}]}),
             "sweep.json: backend.rail_files[0]: give power_mw (a file in mW), or voltage_mv and current_ma"),
            (self.with_base(), "sweep.json: nothing to measure; give at least one of conv, fc, networks"),
            (self.with_base(networks={"files": ["nets/*.json"]}),
             "sweep.json: networks.files: element 0: 'nets/*.json' matches no file"),
            (self.with_base(networks={"batch": [1]}),
             "sweep.json: networks.files: missing; expected a list of spec files or globs"),
            (self.with_base(fc=fc, networks={"files": ["n.json"], "validation_fraction": 1.5}),
             "sweep.json: networks.validation_fraction: expected a number >= 0 and <= 1, got 1.5"),
        ]
        for doc, expected in cases:
            with self.subTest(expected=expected):
                self.assertIn(expected, self.error(doc))

    def test_malformed_json(self):
        with open(self.path, "w") as f:
            f.write('{"backend": {"name": "nvml"},}')
        with self.assertRaises(sweep.SweepError) as e:
            sweep.load(self.path)
        self.assertIn("sweep.json: malformed JSON", str(e.exception))

    def test_bad_network_spec_is_reported_with_its_file(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][0].update(macs=1))
        spec = write_json(os.path.join(self.tmp.name, "bad.json"), bad)
        message = self.error(self.with_base(networks={"files": ["bad.json"]}))
        self.assertIn("sweep.json: networks.files: %s: nodes[0] (conv1.conv): macs: the file states 1" % spec, message)

    def test_one_space_configuration_per_sweep(self):
        write_json(os.path.join(self.tmp.name, "a.json"), chain_k3n8s1())
        write_json(os.path.join(self.tmp.name, "b.json"),
                   modified(chain_k3n8s1(), lambda s: s["space"].update(settings={"classes": 10})))
        message = self.error(self.with_base(networks={"files": ["a.json", "b.json"]}))
        self.assertIn("space 'chain-cnn' appears with settings {} (", message)
        self.assertIn("measure them in separate sweeps", message)


    def test_example_sweeps_are_valid(self):
        examples = glob.glob(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sweeps",
                                          "*.json"))
        self.assertGreaterEqual(len(examples), 3)
        write_json(os.path.join(self.tmp.name, "networks", "nb201-sample.json"), chain_k3n8s1())
        for example in examples:
            with self.subTest(sweep=os.path.basename(example)):
                copy = shutil.copy(example, self.tmp.name)
                self.assertGreater(len(sweep.load(copy).tasks), 0)


if __name__ == "__main__":
    unittest.main()
