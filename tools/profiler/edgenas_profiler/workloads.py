"""PyTorch workloads: a single conv or linear layer, or a whole network rebuilt from its spec.

``torch`` is passed in (``TorchRunner`` imports it on first use), so this module imports without PyTorch and tests
can drive it with a stand-in.
"""

SPATIAL = ("conv2d", "batchnorm", "avgpool", "maxpool", "globalavgpool")


class RunnerError(Exception):
    """PyTorch is missing or cannot use the device the sweep names."""


def load_torch():
    """Imports PyTorch (only when a sweep is measured)."""
    try:
        import torch
    except ImportError:
        raise RunnerError("the profiler needs PyTorch to measure (on a Jetson, NVIDIA's wheel for your JetPack)")
    return torch


def layer_module(node, nn):
    """The PyTorch module of one spec node, or None for ``add``, ``channelmul`` and ``zero`` (computed inline)."""
    f = node.fields
    k = node.kind
    if k == "conv2d":
        return nn.Conv2d(f["in_channels"], f["out_channels"], kernel_size=f["kernel"], stride=f["stride"],
                         padding=f["padding"], groups=f["groups"], bias=f["bias"])
    if k == "linear":
        return nn.Linear(f["in_features"], f["out_features"], bias=f["bias"])
    if k == "batchnorm":
        return nn.BatchNorm2d(f["channels"])
    if k == "relu":
        return nn.ReLU()
    if k == "relu6":
        return nn.ReLU6()
    if k == "hardsigmoid":
        return nn.Hardsigmoid()
    if k == "sigmoid":
        return nn.Sigmoid()
    if k == "avgpool":
        return nn.AvgPool2d(kernel_size=f["kernel"], stride=f["stride"], padding=f["padding"], count_include_pad=False)
    if k == "maxpool":
        return nn.MaxPool2d(kernel_size=f["kernel"], stride=f["stride"], padding=f["padding"])
    if k == "globalavgpool":
        return nn.AdaptiveAvgPool2d(1)
    if k == "identity":
        return nn.Identity()
    return None


def build_network(spec, torch):
    """An ``nn.Module`` computing the spec's graph exactly as ``./nas export --format pytorch`` writes it.

    Nodes run in index order; ``zero`` multiplies by 0 (keeping the shape), ``add`` sums its inputs,
    ``channelmul`` multiplies a feature map by (N, C, 1, 1) channel factors, ``linear``
    flattens its input, a 4-D layer fed by a flat tensor gets it reshaped to (N, C, H, W), and a sum of flat and
    4-D tensors flattens them. A node's output is released after its last use.
    """
    nn = torch.nn
    last_use = {}
    for node in spec.nodes:
        for i in node.inputs:
            last_use[i] = node.index
    plan = []
    for node in spec.nodes:
        release = tuple(i for i in set(node.inputs) if last_use[i] == node.index)
        plan.append((node.index, node.kind, node.inputs, node.output_shape, release))
    shapes = {-1: spec.input_shape}
    shapes.update({n.index: n.output_shape for n in spec.nodes})

    class SpecNetwork(nn.Module):
        """The spec's graph as a module: one submodule per layer with state, keyed "n<index>"."""

        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleDict()
            for node in spec.nodes:
                m = layer_module(node, nn)
                if m is not None:
                    self.layers["n%d" % node.index] = m

        def forward(self, x):
            values = {-1: x}
            y = x
            for index, kind, inputs, _, release in plan:
                args = [values[i] for i in inputs]
                if kind == "add":
                    if any(a.dim() == 2 for a in args):
                        args = [torch.flatten(a, 1) for a in args]
                    y = args[0]
                    for a in args[1:]:
                        y = y + a
                elif kind == "zero":
                    y = args[0] * 0.0
                elif kind == "channelmul":
                    args = [a.reshape(-1, *shapes[i]) if a.dim() == 2 else a for a, i in zip(args, inputs)]
                    y = args[0] * args[1]
                elif kind == "linear":
                    y = self.layers["n%d" % index](torch.flatten(args[0], 1))
                elif kind in SPATIAL and args[0].dim() == 2:
                    y = self.layers["n%d" % index](args[0].reshape(-1, *shapes[inputs[0]]))
                else:
                    y = self.layers["n%d" % index](args[0])
                values[index] = y
                for i in release:
                    del values[i]
            return y

    return SpecNetwork()


class Workload:
    """A module and its input on the device; ``run(n)`` does ``n`` forward passes and waits for the device."""

    def __init__(self, torch, module, data, device):
        self._torch = torch
        self.module = module
        self.data = data
        self._cuda = device.type == "cuda"
        self._mode = getattr(torch, "inference_mode", torch.no_grad)

    def run(self, n):
        """``n`` forward passes, synchronised at the end."""
        with self._mode():
            for _ in range(n):
                self.module(self.data)
        if self._cuda:
            self._torch.cuda.synchronize()

    def close(self):
        """Frees the module and input (and the CUDA cache, so the next row starts from the same state)."""
        self.module = None
        self.data = None
        if self._cuda:
            self._torch.cuda.empty_cache()


class TorchRunner:
    """Builds workloads for sweep tasks on one device, at one precision, with fixed cuDNN settings."""

    def __init__(self, device="cuda:0", precision="fp32", allow_tf32=False, cudnn_benchmark=True, seed=0,
                 torch=None):
        self.torch = torch if torch is not None else load_torch()
        t = self.torch
        if device.startswith("cuda") and not t.cuda.is_available():
            raise RunnerError("device %s: PyTorch sees no CUDA device (torch %s); check the driver, or use "
                              "\"device\": \"cpu\"" % (device, t.__version__))
        self.device = t.device(device)
        self.dtype = t.float16 if precision == "fp16" else t.float32
        t.backends.cudnn.benchmark = cudnn_benchmark
        t.backends.cudnn.allow_tf32 = allow_tf32
        t.backends.cuda.matmul.allow_tf32 = allow_tf32
        t.manual_seed(seed)
        self.settings = {"precision": precision, "allow_tf32": allow_tf32, "cudnn_benchmark": cudnn_benchmark}

    def ready(self):
        """Initialises the device (CUDA context and allocator) so that idle power is measured in the state in which
        the rows run: a GPU with a context may idle at a higher performance state than one without."""
        self.torch.zeros(1, device=self.device, dtype=self.dtype)
        if self.device.type == "cuda":
            self.torch.cuda.synchronize()

    def prepare(self, task):
        """The workload of a ``ConvTask``, ``FcTask`` or ``NetworkTask``, in eval mode on the device."""
        t = self.torch
        nn = t.nn
        kind = task.output()
        if kind == "conv":
            module = nn.Conv2d(task.in_ch, task.kernels, task.kernel, stride=task.stride, padding=task.kernel // 2,
                               bias=task.bias)
            shape = (task.batch, task.in_ch, task.in_hw, task.in_hw)
        elif kind == "fc":
            module = nn.Linear(task.in_features, task.out_features, bias=task.bias)
            shape = (task.batch, task.in_features)
        else:
            module = build_network(task.spec, t)
            shape = (task.batch,) + tuple(task.spec.input_shape)
        module = module.to(device=self.device, dtype=self.dtype).eval()
        data = t.randn(*shape, device=self.device, dtype=self.dtype)
        return Workload(t, module, data, self.device)

    def describe(self):
        """Framework versions and settings for the metadata file (the names of ``shared/data/h200/meta.json``)."""
        t = self.torch
        info = {"torch": t.__version__,
                "cuda": getattr(t.version, "cuda", None),
                "cudnn": t.backends.cudnn.version() if t.backends.cudnn.is_available() else None,
                "dtype": str(self.dtype).replace("torch.", ""),
                "allow_tf32_cudnn": self.settings["allow_tf32"],
                "cudnn_benchmark": self.settings["cudnn_benchmark"],
                "device": str(self.device)}
        if self.device.type == "cuda":
            info["device_name"] = t.cuda.get_device_name(self.device)
        return info
