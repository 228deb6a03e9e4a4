"""Workloads built with a shape-only stand-in for PyTorch: the rebuilt network's wiring, shapes and parameters."""

import os
import tempfile
import unittest

import fake_torch
from edgenas_profiler import netspec, workloads
from edgenas_profiler.sweep import ConvTask, FcTask, NetworkTask
from fixtures import chain_k3n8s1, mobile_block, residual_cell, write_json


def load(doc):
    with tempfile.TemporaryDirectory() as d:
        return netspec.load(write_json(os.path.join(d, "net.json"), doc))[0]


def count_params(module):
    return sum(p.numel() for p in module.parameters())


class BuildNetworkTest(unittest.TestCase):
    """Networks rebuilt from specs, on the shape-only PyTorch."""

    def test_chain_network_has_the_hand_counted_parameters_and_output(self):
        net = workloads.build_network(load(chain_k3n8s1()), fake_torch)
        self.assertEqual(count_params(net), 82154)
        self.assertEqual(net(fake_torch.zeros(4, 3, 32, 32)).shape, (4, 10))
        kinds = [type(m).__name__ for m in net.modules()][2:]
        self.assertEqual(kinds, ["Conv2d", "ReLU", "Linear"])

    def test_every_layer_kind_is_wired_as_the_spec_says(self):
        spec = load(residual_cell())
        net = workloads.build_network(spec, fake_torch)
        self.assertEqual(count_params(net), 126)
        out = net(fake_torch.zeros(2, 3, 8, 8))
        self.assertEqual(out.shape, (2, 2))
        layers = net.layers
        self.assertEqual(layers["n0"].args, (3, 4, 3, 1, 1, 1, False))
        self.assertEqual(layers["n4"].args, (3, 1, 1, False))  # average pool excludes padding
        self.assertEqual(layers["n6"].args, (2, 2, 0, True))
        for index in (0, 1, 3, 4, 6, 7, 8):
            self.assertEqual(layers["n%d" % index].calls, 1, "node %d runs once" % index)
        self.assertNotIn("n2", layers._modules)  # zero and add are computed inline
        self.assertNotIn("n5", layers._modules)

    def test_mobile_block_rebuilds_with_its_activations_and_an_inline_channel_multiply(self):
        net = workloads.build_network(load(mobile_block()), fake_torch)
        self.assertEqual(count_params(net), 204)
        self.assertEqual(net(fake_torch.zeros(2, 4, 8, 8)).shape, (2, 2))
        layers = net.layers
        self.assertEqual(layers["n3"].args, (8, 8, 3, 2, 1, 8, False))  # depthwise: groups = channels
        self.assertEqual([type(layers["n%d" % i]).__name__ for i in (2, 8, 11)], ["ReLU6", "Hardsigmoid", "Sigmoid"])
        self.assertNotIn("n9", layers._modules)

    def test_flat_tensors_feed_spatial_layers_and_sums(self):
        # linear 4 -> 8 (a flat tensor), then a 1x1 conv on it (reshaped to 8x1x1), then a sum of both
        doc = {"format": "edgenas-network", "version": 1, "space": {"name": "x", "settings": {}}, "arch": "flat",
               "input_shape": [4, 1, 1], "output_shape": [8, 1, 1], "macs": 96, "params": 104,
               "nodes": [
                   {"index": 0, "name": "fc", "kind": "linear", "inputs": [-1],
                    "layer": {"in_features": 4, "out_features": 8, "bias": True}},
                   {"index": 1, "name": "conv", "kind": "conv2d", "inputs": [0],
                    "layer": {"in_channels": 8, "out_channels": 8, "kernel": 1, "stride": 1, "padding": 0,
                              "groups": 1, "bias": False}},
                   {"index": 2, "name": "sum", "kind": "add", "inputs": [0, 1], "layer": {}}]}
        net = workloads.build_network(load(doc), fake_torch)
        self.assertEqual(net(fake_torch.zeros(3, 4, 1, 1)).shape, (3, 8))


class RunnerTest(unittest.TestCase):
    """Layer and network workloads of sweep rows."""

    def setUp(self):
        self.runner = workloads.TorchRunner("cpu", "fp32", seed=5, torch=fake_torch)

    def test_conv_workload_is_one_same_padded_layer(self):
        w = self.runner.prepare(ConvTask(2, 16, 8, 5, 32, 2, bias=False))
        self.assertEqual(w.module.args, (8, 32, 5, 2, 2, 1, False))
        self.assertEqual(w.data.shape, (2, 8, 16, 16))
        w.run(7)
        self.assertEqual(w.module.calls, 7)
        w.close()
        self.assertIsNone(w.module)

    def test_fc_workload(self):
        w = self.runner.prepare(FcTask(32, 256, 10))
        self.assertEqual(w.module.args, (256, 10, True))
        self.assertEqual(w.data.shape, (32, 256))

    def test_network_workload_runs_the_spec_at_the_batch_size(self):
        task = NetworkTask(load(chain_k3n8s1()), 8, "calibration")
        w = self.runner.prepare(task)
        self.assertEqual(w.data.shape, (8, 3, 32, 32))
        w.run(2)
        self.assertEqual(w.module.calls, 2)

    def test_settings_and_description(self):
        self.runner.ready()
        d = self.runner.describe()
        self.assertEqual((d["torch"], d["dtype"], d["device"]), ("fake", "float32", "cpu"))
        self.assertEqual(fake_torch.backends.cudnn.allow_tf32, False)
        self.assertEqual(fake_torch.seeds[-1], 5)

    def test_cuda_without_a_gpu_is_a_clear_error(self):
        with self.assertRaises(workloads.RunnerError) as e:
            workloads.TorchRunner("cuda:0", torch=fake_torch)
        self.assertIn("PyTorch sees no CUDA device", str(e.exception))


if __name__ == "__main__":
    unittest.main()
