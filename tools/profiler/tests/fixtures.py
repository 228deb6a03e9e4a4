"""Hand-written network specs and file helpers shared by the tests."""

import copy
import json
import os


def chain_k3n8s1():
    """chain-cnn k3n8s1 as ./nas export --format json writes it, with costs counted by hand.

    conv 3->8, 3x3, same padding, bias, on 32x32: 32*32*3*9*8 = 221184 MACs, 3*8*9 + 8 = 224 parameters;
    ReLU; classifier 8*32*32 = 8192 -> 10: 81920 MACs, 81920 + 10 = 81930 parameters.
    Totals: 303104 MACs, 82154 parameters.
    """
    return {
        "format": "edgenas-network", "version": 1, "generated_by": "hand",
        "space": {"name": "chain-cnn", "settings": {}},
        "arch": "k3n8s1", "input_shape": [3, 32, 32], "output_shape": [10, 1, 1], "classes": 10,
        "macs": 303104, "params": 82154,
        "nodes": [
            {"index": 0, "name": "conv1.conv", "kind": "conv2d", "inputs": [-1],
             "layer": {"in_channels": 3, "out_channels": 8, "kernel": 3, "stride": 1, "padding": 1, "groups": 1,
                       "bias": True},
             "output_shape": [8, 32, 32], "macs": 221184, "params": 224},
            {"index": 1, "name": "conv1.relu", "kind": "relu", "inputs": [0], "layer": {},
             "output_shape": [8, 32, 32], "macs": 0, "params": 0},
            {"index": 2, "name": "classifier", "kind": "linear", "inputs": [1],
             "layer": {"in_features": 8192, "out_features": 10, "bias": True},
             "output_shape": [10, 1, 1], "macs": 81920, "params": 81930},
        ],
    }


def residual_cell():
    """A small graph with every other layer kind: stem conv + BN, a cell with a zero edge, a skip, an avg pool and a
    sum, a max pool, global average pool, linear.

    conv 3->4 3x3 no bias on 8x8: 8*8*3*9*4 = 6912 MACs, 108 parameters; BN(4): 8 parameters;
    linear 4 -> 2 with bias: 8 MACs, 10 parameters. Totals: 6920 MACs, 126 parameters.
    """
    def node(i, name, kind, inputs, layer, shape, macs=0, params=0):
        return {"index": i, "name": name, "kind": kind, "inputs": inputs, "layer": layer, "output_shape": shape,
                "macs": macs, "params": params}
    return {
        "format": "edgenas-network", "version": 1, "generated_by": "hand",
        "space": {"name": "handmade", "settings": {"classes": 2}},
        "arch": "cell", "input_shape": [3, 8, 8], "output_shape": [2, 1, 1], "classes": 2,
        "macs": 6920, "params": 126,
        "nodes": [
            node(0, "stem.conv", "conv2d", [-1], {"in_channels": 3, "out_channels": 4, "kernel": 3, "stride": 1,
                                                 "padding": 1, "groups": 1, "bias": False}, [4, 8, 8], 6912, 108),
            node(1, "stem.bn", "batchnorm", [0], {"channels": 4}, [4, 8, 8], 0, 8),
            node(2, "cell.zero", "zero", [1], {}, [4, 8, 8]),
            node(3, "cell.skip", "identity", [1], {}, [4, 8, 8]),
            node(4, "cell.pool", "avgpool", [1], {"kernel": 3, "stride": 1, "padding": 1}, [4, 8, 8]),
            node(5, "cell.sum", "add", [2, 3, 4], {}, [4, 8, 8]),
            node(6, "down", "maxpool", [5], {"kernel": 2, "stride": 2, "padding": 0}, [4, 4, 4]),
            node(7, "head.pool", "globalavgpool", [6], {}, [4, 1, 1]),
            node(8, "head.fc", "linear", [7], {"in_features": 4, "out_features": 2, "bias": True}, [2, 1, 1], 8, 10),
        ],
    }


def mobile_block():
    """An inverted-residual block with squeeze-and-excitation: every mobile layer kind.

    expand conv 4->8 1x1 on 8x8: 64*4*8 = 2048 MACs, 32 parameters; BN(8): 16; ReLU6;
    depthwise 3x3 stride 2 (8 groups) to 4x4: 16*1*9*8 = 1152 MACs, 72 parameters;
    SE: global pool, conv 8->2 1x1 with bias (16 MACs, 18 parameters), ReLU, conv 2->8 with bias (16 MACs,
    24 parameters), hard sigmoid, channel multiply; project conv 8->4 1x1 on 4x4: 16*8*4 = 512 MACs, 32 parameters;
    sigmoid; global pool; linear 4->2 with bias: 8 MACs, 10 parameters.
    Totals: 3752 MACs, 204 parameters.
    """
    def node(i, name, kind, inputs, layer, shape, macs=0, params=0):
        return {"index": i, "name": name, "kind": kind, "inputs": inputs, "layer": layer, "output_shape": shape,
                "macs": macs, "params": params}

    def conv(cin, cout, k, s, p, g, bias):
        return {"in_channels": cin, "out_channels": cout, "kernel": k, "stride": s, "padding": p, "groups": g,
                "bias": bias}
    return {
        "format": "edgenas-network", "version": 1, "generated_by": "hand",
        "space": {"name": "handmade", "settings": {}},
        "arch": "mbconv-block", "input_shape": [4, 8, 8], "output_shape": [2, 1, 1], "classes": 2,
        "macs": 3752, "params": 204,
        "nodes": [
            node(0, "expand", "conv2d", [-1], conv(4, 8, 1, 1, 0, 1, False), [8, 8, 8], 2048, 32),
            node(1, "bn", "batchnorm", [0], {"channels": 8}, [8, 8, 8], 0, 16),
            node(2, "act", "relu6", [1], {}, [8, 8, 8]),
            node(3, "dw", "conv2d", [2], conv(8, 8, 3, 2, 1, 8, False), [8, 4, 4], 1152, 72),
            node(4, "se.pool", "globalavgpool", [3], {}, [8, 1, 1]),
            node(5, "se.reduce", "conv2d", [4], conv(8, 2, 1, 1, 0, 1, True), [2, 1, 1], 16, 18),
            node(6, "se.relu", "relu", [5], {}, [2, 1, 1]),
            node(7, "se.expand", "conv2d", [6], conv(2, 8, 1, 1, 0, 1, True), [8, 1, 1], 16, 24),
            node(8, "se.gate", "hardsigmoid", [7], {}, [8, 1, 1]),
            node(9, "se.scale", "channelmul", [3, 8], {}, [8, 4, 4]),
            node(10, "project", "conv2d", [9], conv(8, 4, 1, 1, 0, 1, False), [4, 4, 4], 512, 32),
            node(11, "gate", "sigmoid", [10], {}, [4, 4, 4]),
            node(12, "pool", "globalavgpool", [11], {}, [4, 1, 1]),
            node(13, "fc", "linear", [12], {"in_features": 4, "out_features": 2, "bias": True}, [2, 1, 1], 8, 10),
        ],
    }


def modified(spec, edit):
    """A deep copy of ``spec`` after ``edit(copy)``."""
    s = copy.deepcopy(spec)
    edit(s)
    return s


def write_json(path, obj):
    """Writes ``obj`` as JSON to ``path``, creating directories."""
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f)
    return path
