"""Network specs written by ``./nas export --format json``: loading, validation, and an independent recount.

A file holds one network (``"format": "edgenas-network"``) or several (``"format": "edgenas-networks"`` with a
``networks`` list). Every node's shape, MACs and parameters are recomputed here from the layer fields, with the
counting rules of the Java architecture model, and must equal what the file states: a spec the profiler would
rebuild differently from how EdgeNAS counts it is rejected rather than measured.
"""

import json
from typing import NamedTuple, Tuple

from . import textfile

#: Layer kinds and the fields each one's ``layer`` object must have.
LAYER_FIELDS = {
    "conv2d": ("in_channels", "out_channels", "kernel", "stride", "padding", "groups", "bias"),
    "linear": ("in_features", "out_features", "bias"),
    "batchnorm": ("channels",),
    "avgpool": ("kernel", "stride", "padding"),
    "maxpool": ("kernel", "stride", "padding"),
    "relu": (),
    "relu6": (),
    "hardsigmoid": (),
    "sigmoid": (),
    "globalavgpool": (),
    "add": (),
    "channelmul": (),
    "zero": (),
    "identity": (),
}

SUPPORTED_VERSION = 1


class SpecError(Exception):
    """A network spec that is malformed or inconsistent; the message names the file, node and field."""


class Node(NamedTuple):
    """One layer: ``kind`` (a key of ``LAYER_FIELDS``), its ``fields``, and the indices of its inputs (-1: input)."""

    index: int
    name: str
    kind: str
    fields: dict
    inputs: Tuple[int, ...]
    output_shape: Tuple[int, int, int]
    macs: int
    params: int


class NetworkSpec(NamedTuple):
    """A validated network: its space, architecture string, shapes per image, costs per image, and nodes."""

    source: str
    space: str
    settings: dict
    arch: str
    input_shape: Tuple[int, int, int]
    output_shape: Tuple[int, int, int]
    macs: int
    params: int
    nodes: Tuple[Node, ...]


def load(path):
    """The networks in the spec file ``path``, validated. Raises ``SpecError``."""
    text = textfile.read(path, SpecError)
    try:
        doc = json.loads(text)
    except ValueError as e:
        raise SpecError("%s: malformed JSON: %s" % (path, e))
    if not isinstance(doc, dict):
        raise SpecError("%s: expected a JSON object written by ./nas export --format json" % path)
    fmt = doc.get("format")
    if fmt == "edgenas-networks":
        nets = doc.get("networks")
        if not isinstance(nets, list) or not nets:
            raise SpecError("%s: networks: expected a non-empty list of network specs" % path)
        return [parse(n, "%s: networks[%d]" % (path, i)) for i, n in enumerate(nets)]
    if fmt == "edgenas-network":
        return [parse(doc, str(path))]
    raise SpecError("%s: format: expected 'edgenas-network' or 'edgenas-networks' (./nas export --format json), got %r"
                    % (path, fmt))


def parse(doc, where):
    """One network spec object, validated and recounted; ``where`` prefixes error messages."""
    if not isinstance(doc, dict):
        raise SpecError("%s: expected a network object" % where)
    if doc.get("version") != SUPPORTED_VERSION:
        raise SpecError("%s: version: this profiler reads version %d, got %r" % (where, SUPPORTED_VERSION,
                                                                                 doc.get("version")))
    space = doc.get("space")
    if not isinstance(space, dict) or not isinstance(space.get("name"), str):
        raise SpecError("%s: space: expected {\"name\": ..., \"settings\": {...}}" % where)
    settings = space.get("settings", {})
    if not isinstance(settings, dict):
        raise SpecError("%s: space.settings: expected an object" % where)
    arch = _field(doc, "arch", str, where)
    input_shape = _shape(doc, "input_shape", where)
    raw_nodes = _field(doc, "nodes", list, where)
    if not raw_nodes:
        raise SpecError("%s: nodes: the network has no layers" % where)
    nodes = []
    shapes = []
    for i, raw in enumerate(raw_nodes):
        node = _node(raw, i, input_shape, shapes, "%s: nodes[%d]" % (where, i))
        nodes.append(node)
        shapes.append(node.output_shape)
    macs = sum(n.macs for n in nodes)
    params = sum(n.params for n in nodes)
    for key, value in (("macs", macs), ("params", params), ("output_shape", shapes[-1])):
        stated = _shape(doc, key, where) if key == "output_shape" else _field(doc, key, int, where)
        if stated != value:
            raise SpecError("%s: %s: the file states %s, the nodes add up to %s" % (where, key, stated, value))
    return NetworkSpec(where, space["name"], settings, arch, input_shape, shapes[-1], macs, params, tuple(nodes))


def _field(obj, key, kind, where):
    value = obj.get(key)
    if isinstance(value, bool) and kind is not bool:
        raise SpecError("%s: %s: expected %s, got a boolean (%s)" % (where, key, kind.__name__, json.dumps(value)))
    if not isinstance(value, kind):
        raise SpecError("%s: %s: expected %s, got %r" % (where, key, kind.__name__, value))
    return value


def _shape(obj, key, where):
    value = obj.get(key)
    if (not isinstance(value, list) or len(value) != 3
            or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)):
        raise SpecError("%s: %s: expected [channels, height, width] of positive integers, got %r" % (where, key, value))
    return tuple(value)


def _node(raw, position, input_shape, shapes, where):
    if not isinstance(raw, dict):
        raise SpecError("%s: expected a node object" % where)
    index = _field(raw, "index", int, where)
    if index != position:
        raise SpecError("%s: index: %d at position %d; nodes must be listed in index order" % (where, index, position))
    name = _field(raw, "name", str, where)
    where = "%s (%s)" % (where, name)
    kind = _field(raw, "kind", str, where)
    if kind not in LAYER_FIELDS:
        raise SpecError("%s: kind: %r is not a layer kind; allowed: %s" % (where, kind, ", ".join(sorted(LAYER_FIELDS))))
    fields = raw.get("layer", {})
    if not isinstance(fields, dict):
        raise SpecError("%s: layer: expected an object" % where)
    for f in LAYER_FIELDS[kind]:
        _field(fields, f, bool if f == "bias" else int, where + ": layer")
    inputs = _field(raw, "inputs", list, where)
    if not inputs or not all(isinstance(i, int) and not isinstance(i, bool) and -1 <= i < index for i in inputs):
        raise SpecError("%s: inputs: expected indices of earlier nodes (-1 for the network input), got %r"
                        % (where, inputs))
    if kind == "channelmul" and len(inputs) != 2:
        raise SpecError("%s: inputs: channelmul takes two inputs (feature map, channel factors), got %d"
                        % (where, len(inputs)))
    if kind not in ("add", "channelmul") and len(inputs) != 1:
        raise SpecError("%s: inputs: %s takes one input, got %d" % (where, kind, len(inputs)))
    in_shapes = [input_shape if i == -1 else shapes[i] for i in inputs]
    out, macs, params = _count(kind, fields, in_shapes, where)
    for key, value in (("macs", macs), ("params", params)):
        if key in raw and raw[key] != value:
            raise SpecError("%s: %s: the file states %r, the layer fields give %d" % (where, key, raw[key], value))
    if "output_shape" in raw and _shape(raw, "output_shape", where) != out:
        raise SpecError("%s: output_shape: the file states %r, the layer fields give %r"
                        % (where, raw["output_shape"], list(out)))
    return Node(index, name, kind, dict(fields), tuple(inputs), out, macs, params)


def _slide(size, kernel, stride, padding, where):
    span = size + 2 * padding - kernel
    if span < 0 or kernel < 1 or stride < 1 or padding < 0:
        raise SpecError("%s: kernel %d, stride %d, padding %d do not fit an input of %d" % (where, kernel, stride,
                                                                                          padding, size))
    return span // stride + 1


def _count(kind, f, in_shapes, where):
    """Output shape, MACs and parameters per image of one layer (the rules of org.edgenas.arch.Layer)."""
    c, h, w = in_shapes[0]
    if kind == "conv2d":
        g = f["groups"]
        if c != f["in_channels"]:
            raise SpecError("%s: expects %d input channels, gets %d" % (where, f["in_channels"], c))
        if g < 1 or f["in_channels"] % g or f["out_channels"] % g:
            raise SpecError("%s: groups %d must divide in and out channels" % (where, g))
        k, s, p = f["kernel"], f["stride"], f["padding"]
        oh, ow = _slide(h, k, s, p, where), _slide(w, k, s, p, where)
        weights = f["out_channels"] * (f["in_channels"] // g) * k * k
        return ((f["out_channels"], oh, ow), oh * ow * weights,
                weights + (f["out_channels"] if f["bias"] else 0))
    if kind == "linear":
        if c * h * w != f["in_features"]:
            raise SpecError("%s: expects %d input features, gets %dx%dx%d" % (where, f["in_features"], c, h, w))
        macs = f["in_features"] * f["out_features"]
        return (f["out_features"], 1, 1), macs, macs + (f["out_features"] if f["bias"] else 0)
    if kind == "batchnorm":
        if c != f["channels"]:
            raise SpecError("%s: expects %d channels, gets %d" % (where, f["channels"], c))
        return (c, h, w), 0, 2 * c
    if kind in ("avgpool", "maxpool"):
        k, s, p = f["kernel"], f["stride"], f["padding"]
        return (c, _slide(h, k, s, p, where), _slide(w, k, s, p, where)), 0, 0
    if kind == "globalavgpool":
        return (c, 1, 1), 0, 0
    if kind == "channelmul":
        if in_shapes[1] != (c, 1, 1):
            raise SpecError("%s: channel factors (input 1) must be [%d, 1, 1] for a feature map %r, got %r"
                            % (where, c, list(in_shapes[0]), list(in_shapes[1])))
    if kind == "add":
        if any(s != in_shapes[0] for s in in_shapes):
            raise SpecError("%s: sums tensors of different shapes %r" % (where, [list(s) for s in in_shapes]))
    return (c, h, w), 0, 0
