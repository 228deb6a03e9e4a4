"""Network specs: loading, validation and the independent recount of shapes, MACs and parameters."""

import os
import tempfile
import unittest

from edgenas_profiler import netspec
from fixtures import chain_k3n8s1, mobile_block, modified, residual_cell, write_json


class NetspecTest(unittest.TestCase):
    """Loading and checking network specs."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def load(self, doc):
        return netspec.load(write_json(os.path.join(self.tmp.name, "net.json"), doc))

    def error(self, doc):
        with self.assertRaises(netspec.SpecError) as e:
            self.load(doc)
        return str(e.exception)

    def test_chain_network_loads_with_hand_counted_costs(self):
        [spec] = self.load(chain_k3n8s1())
        self.assertEqual(spec.space, "chain-cnn")
        self.assertEqual(spec.arch, "k3n8s1")
        self.assertEqual(spec.macs, 303104)
        self.assertEqual(spec.params, 82154)
        self.assertEqual(spec.input_shape, (3, 32, 32))
        self.assertEqual([n.kind for n in spec.nodes], ["conv2d", "relu", "linear"])
        self.assertEqual(spec.nodes[0].output_shape, (8, 32, 32))

    def test_graph_with_every_layer_kind_loads(self):
        [spec] = self.load(residual_cell())
        self.assertEqual(spec.macs, 6920)
        self.assertEqual(spec.params, 126)
        self.assertEqual(spec.nodes[5].inputs, (2, 3, 4))
        self.assertEqual(spec.nodes[6].output_shape, (4, 4, 4))
        self.assertEqual(spec.settings, {"classes": 2})

    def test_mobile_block_loads_with_hand_counted_costs(self):
        [spec] = self.load(mobile_block())
        self.assertEqual(spec.macs, 3752)
        self.assertEqual(spec.params, 204)
        self.assertEqual(spec.nodes[9].inputs, (3, 8))
        self.assertEqual(spec.nodes[9].output_shape, (8, 4, 4))

    def test_channel_factors_of_the_wrong_shape_are_rejected(self):
        bad = modified(mobile_block(), lambda s: s["nodes"][9].update(inputs=[3, 4, 8]))
        self.assertIn("nodes[9] (se.scale): inputs: channelmul takes two inputs", self.error(bad))
        bad = modified(mobile_block(), lambda s: s["nodes"][9].update(inputs=[3, 2]))
        self.assertIn("nodes[9] (se.scale): channel factors (input 1) must be [8, 1, 1]", self.error(bad))

    def test_list_document_holds_several_networks(self):
        doc = {"format": "edgenas-networks", "version": 1, "networks": [chain_k3n8s1(), residual_cell()]}
        self.assertEqual([s.arch for s in self.load(doc)], ["k3n8s1", "cell"])

    def test_node_macs_that_disagree_with_the_fields_are_rejected(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][0].update(macs=1))
        self.assertIn("nodes[0] (conv1.conv): macs: the file states 1, the layer fields give 221184", self.error(bad))

    def test_total_that_disagrees_with_the_nodes_is_rejected(self):
        bad = modified(chain_k3n8s1(), lambda s: s.update(params=5))
        self.assertIn("params: the file states 5, the nodes add up to 82154", self.error(bad))

    def test_channel_mismatch_is_rejected(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][0]["layer"].update(in_channels=4))
        self.assertIn("nodes[0] (conv1.conv): expects 4 input channels, gets 3", self.error(bad))

    def test_unknown_kind_lists_the_allowed_ones(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][1].update(kind="gelu"))
        self.assertIn("kind: 'gelu' is not a layer kind; allowed: add, avgpool, batchnorm", self.error(bad))

    def test_input_from_a_later_node_is_rejected(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][1].update(inputs=[2]))
        self.assertIn("nodes[1] (conv1.relu): inputs: expected indices of earlier nodes", self.error(bad))

    def test_missing_layer_field_is_named(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][0]["layer"].pop("stride"))
        self.assertIn("nodes[0] (conv1.conv): layer: stride: expected int, got None", self.error(bad))

    def test_boolean_where_an_integer_belongs_is_called_a_boolean(self):
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][0].update(index=True))
        self.assertIn("nodes[0]: index: expected int, got a boolean (true)", self.error(bad))
        bad = modified(chain_k3n8s1(), lambda s: s["nodes"][0]["layer"].update(stride=False))
        self.assertIn("nodes[0] (conv1.conv): layer: stride: expected int, got a boolean (false)", self.error(bad))

    def test_sum_of_different_shapes_is_rejected(self):
        bad = modified(residual_cell(), lambda s: s["nodes"][5].update(inputs=[2, 6]))
        self.assertIn("inputs: expected indices of earlier nodes", self.error(bad))
        bad = modified(residual_cell(), lambda s: s["nodes"][7].update(inputs=[5]))
        bad["nodes"].insert(8, {"index": 8, "name": "bad.sum", "kind": "add", "inputs": [6, 5], "layer": {}})
        bad["nodes"][9]["index"] = 9
        bad["nodes"][9]["inputs"] = [7]
        self.assertIn("sums tensors of different shapes [[4, 4, 4], [4, 8, 8]]", self.error(bad))

    def test_other_versions_and_formats_are_rejected(self):
        self.assertIn("version: this profiler reads version 1, got 2",
                      self.error(modified(chain_k3n8s1(), lambda s: s.update(version=2))))
        self.assertIn("format: expected 'edgenas-network' or 'edgenas-networks'",
                      self.error(modified(chain_k3n8s1(), lambda s: s.update(format="onnx"))))

    def test_unreadable_files(self):
        with open(os.path.join(self.tmp.name, "bad.json"), "w") as f:
            f.write("{\"format\": ")
        with self.assertRaises(netspec.SpecError) as e:
            netspec.load(os.path.join(self.tmp.name, "bad.json"))
        self.assertIn("bad.json: malformed JSON", str(e.exception))
        with self.assertRaises(netspec.SpecError) as e:
            netspec.load(os.path.join(self.tmp.name, "absent.json"))
        self.assertIn("absent.json: cannot read", str(e.exception))

    def test_file_that_is_not_utf8_is_reported_with_its_line(self):
        path = os.path.join(self.tmp.name, "latin1.json")
        with open(path, "wb") as f:
            f.write(b'{"format": "edgenas-network",\n "arch": "caf\xe9"}')
        with self.assertRaises(netspec.SpecError) as e:
            netspec.load(path)
        self.assertEqual("%s:2: not UTF-8 text (byte 0xe9)" % path, str(e.exception))


if __name__ == "__main__":
    unittest.main()
