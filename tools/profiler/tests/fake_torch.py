"""A shape-only stand-in for the parts of PyTorch that the profiler and exported networks use.

Tensors carry a shape and nothing else; modules check their input shapes the way PyTorch would (channels,
features, rank) and compute output shapes with PyTorch's formulas; parameters are counted from their weight
shapes. Enough to run a rebuilt or exported network's forward pass and count its parameters without PyTorch.
Install it with ``install()`` (puts it in ``sys.modules`` as ``torch`` and ``torch.nn``).
"""

import sys
import types
from collections import OrderedDict

__version__ = "fake"


class Tensor:
    """A tensor shape."""

    def __init__(self, shape):
        self.shape = tuple(int(s) for s in shape)

    def dim(self):
        return len(self.shape)

    def numel(self):
        n = 1
        for s in self.shape:
            n *= s
        return n

    def reshape(self, *shape):
        shape = list(shape)
        if -1 in shape:
            known = 1
            for s in shape:
                if s != -1:
                    known *= s
            shape[shape.index(-1)] = self.numel() // known
        out = Tensor(shape)
        if out.numel() != self.numel():
            raise RuntimeError("shape %s is invalid for input of size %d" % (shape, self.numel()))
        return out

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return Tensor(self.shape)
        if len(other.shape) != len(self.shape) or any(o not in (1, s) for s, o in zip(self.shape, other.shape)):
            raise RuntimeError("multiplying tensors of shapes %s and %s (the second must broadcast)"
                               % (self.shape, other.shape))
        return Tensor(self.shape)

    def __add__(self, other):
        if other.shape != self.shape:
            raise RuntimeError("adding tensors of shapes %s and %s" % (self.shape, other.shape))
        return Tensor(self.shape)


def flatten(t, start_dim=0):
    rest = 1
    for s in t.shape[start_dim:]:
        rest *= s
    return Tensor(t.shape[:start_dim] + (rest,))


def zeros(*shape, **kwargs):
    return Tensor(shape)


def randn(*shape, **kwargs):
    return Tensor(shape)


class _NoGrad:
    """A context manager that does nothing (no gradients to switch off)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def no_grad():
    return _NoGrad()


inference_mode = no_grad


class device:
    """A device name and its type (cpu, cuda)."""

    def __init__(self, name):
        self.type = name.split(":")[0]
        self.name = name

    def __str__(self):
        return self.name


float32 = "torch.float32"
float16 = "torch.float16"
seeds = []


def manual_seed(seed):
    seeds.append(seed)


version = types.SimpleNamespace(cuda=None)
cuda = types.SimpleNamespace(is_available=lambda: False, synchronize=lambda: None, empty_cache=lambda: None,
                             get_device_name=lambda d: "fake gpu")
backends = types.SimpleNamespace(cudnn=types.SimpleNamespace(benchmark=False, allow_tf32=True, version=lambda: None,
                                                             is_available=lambda: False),
                                 cuda=types.SimpleNamespace(matmul=types.SimpleNamespace(allow_tf32=True)))


class Module:
    """Registers child modules assigned as attributes; ``parameters()`` walks them."""

    def __init__(self):
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_params", [])
        object.__setattr__(self, "calls", 0)

    def __setattr__(self, name, value):
        if isinstance(value, Module):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def parameters(self):
        for p in self._params:
            yield p
        for m in self._modules.values():
            for p in m.parameters():
                yield p

    def modules(self):
        yield self
        for m in self._modules.values():
            for sub in m.modules():
                yield sub

    def __call__(self, *args):
        object.__setattr__(self, "calls", self.calls + 1)
        return self.forward(*args)

    def to(self, device=None, dtype=None):
        return self

    def eval(self):
        return self


class ModuleDict(Module):
    """Modules by name, registered as children."""

    def __setitem__(self, key, module):
        if "." in key:
            raise KeyError("module name can't contain \".\"")
        self._modules[key] = module

    def __getitem__(self, key):
        return self._modules[key]


def _param(*shape):
    return Tensor(shape)


def _slide(size, k, s, p):
    return (size + 2 * p - k) // s + 1


def _need(t, rank, what):
    if t.dim() != rank:
        raise RuntimeError("%s expects a %d-D input, got shape %s" % (what, rank, t.shape))


class Conv2d(Module):
    """Checks channels and rank; output size (H + 2p - k) // s + 1; weight and optional bias."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, groups=1, bias=True):
        super().__init__()
        self.args = (in_channels, out_channels, kernel_size, stride, padding, groups, bias)
        self._params.append(_param(out_channels, in_channels // groups, kernel_size, kernel_size))
        if bias:
            self._params.append(_param(out_channels))

    def forward(self, x):
        _need(x, 4, "Conv2d")
        cin, cout, k, s, p, _, _ = self.args
        if x.shape[1] != cin:
            raise RuntimeError("Conv2d expects %d channels, got %s" % (cin, x.shape))
        return Tensor((x.shape[0], cout, _slide(x.shape[2], k, s, p), _slide(x.shape[3], k, s, p)))


class Linear(Module):
    """Checks the last dimension; weight and optional bias."""

    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.args = (in_features, out_features, bias)
        self._params.append(_param(out_features, in_features))
        if bias:
            self._params.append(_param(out_features))

    def forward(self, x):
        if x.shape[-1] != self.args[0]:
            raise RuntimeError("Linear expects %d features, got %s" % (self.args[0], x.shape))
        return Tensor(x.shape[:-1] + (self.args[1],))


class BatchNorm2d(Module):
    """Checks channels and rank; scale and shift."""

    def __init__(self, num_features):
        super().__init__()
        self.args = (num_features,)
        self._params += [_param(num_features), _param(num_features)]

    def forward(self, x):
        _need(x, 4, "BatchNorm2d")
        if x.shape[1] != self.args[0]:
            raise RuntimeError("BatchNorm2d expects %d channels, got %s" % (self.args[0], x.shape))
        return Tensor(x.shape)


class _Pool(Module):
    """A pooling window: output size (H + 2p - k) // s + 1, channels kept."""

    def __init__(self, kernel_size, stride=None, padding=0, count_include_pad=True):
        super().__init__()
        self.args = (kernel_size, stride or kernel_size, padding, count_include_pad)

    def forward(self, x):
        _need(x, 4, type(self).__name__)
        k, s, p, _ = self.args
        return Tensor(x.shape[:2] + (_slide(x.shape[2], k, s, p), _slide(x.shape[3], k, s, p)))


class AvgPool2d(_Pool):
    """Average pooling (shape only)."""


class MaxPool2d(_Pool):
    """Max pooling (shape only)."""

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__(kernel_size, stride, padding)


class AdaptiveAvgPool2d(Module):
    """Pools to output_size x output_size."""

    def __init__(self, output_size):
        super().__init__()
        self.args = (output_size,)

    def forward(self, x):
        _need(x, 4, "AdaptiveAvgPool2d")
        return Tensor(x.shape[:2] + (self.args[0], self.args[0]))


class ReLU(Module):
    """Keeps the shape."""

    def forward(self, x):
        return Tensor(x.shape)


class ReLU6(ReLU):
    """Keeps the shape."""


class Hardsigmoid(ReLU):
    """Keeps the shape."""


class Sigmoid(ReLU):
    """Keeps the shape."""


class Identity(Module):
    """Returns its input."""

    def forward(self, x):
        return x


nn = types.ModuleType("torch.nn")
for _name in ("Module", "ModuleDict", "Conv2d", "Linear", "BatchNorm2d", "AvgPool2d", "MaxPool2d",
              "AdaptiveAvgPool2d", "ReLU", "ReLU6", "Hardsigmoid", "Sigmoid", "Identity"):
    setattr(nn, _name, globals()[_name])


def install():
    """Makes ``import torch`` and ``from torch import nn`` give this stand-in."""
    sys.modules["torch"] = sys.modules[__name__]
    sys.modules["torch.nn"] = nn
