"""Usage: python3 mobilenetv2_count.py [WIDTH_MULTIPLIER]

torchvision's MobileNetV2 (torchvision/models/mobilenetv2.py, transcribed without torchvision) counted in PyTorch:
parameters with numel, MACs with forward hooks on Conv2d and Linear (H_out W_out C_in/groups k^2 C_out; in x out)."""
import sys

import torch
from torch import nn

def make_divisible(v, d=8):
    n = max(d, int(v + d / 2) // d * d)
    return n + d if n < 0.9 * v else n

def cna(i, o, k=3, s=1, g=1):
    return [nn.Conv2d(i, o, k, s, (k - 1) // 2, groups=g, bias=False), nn.BatchNorm2d(o), nn.ReLU6()]

class IR(nn.Module):
    def __init__(self, i, o, s, t):
        super().__init__()
        h = int(round(i * t))
        self.res = s == 1 and i == o
        layers = [] if t == 1 else cna(i, h, 1)
        layers += cna(h, h, 3, s, h) + [nn.Conv2d(h, o, 1, 1, 0, bias=False), nn.BatchNorm2d(o)]
        self.conv = nn.Sequential(*layers)
    def forward(self, x):
        return x + self.conv(x) if self.res else self.conv(x)

def mobilenet_v2(classes=1000, width=1.0):
    table = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]]
    c = make_divisible(32 * width)
    last = make_divisible(1280 * max(1.0, width))
    f = cna(3, c, 3, 2)
    for t, o, n, s in table:
        o = make_divisible(o * width)
        for i in range(n):
            f.append(IR(c, o, s if i == 0 else 1, t))
            c = o
    f += cna(c, last, 1)
    return nn.Sequential(*f, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(last, classes))

width = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
net = mobilenet_v2(width=width).eval()
macs = [0]
def hook(m, inp, out):
    if isinstance(m, nn.Conv2d):
        macs[0] += out.shape[2] * out.shape[3] * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1] * m.out_channels
    else:
        macs[0] += m.in_features * m.out_features
for m in net.modules():
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        m.register_forward_hook(hook)
with torch.no_grad():
    net(torch.zeros(1, 3, 224, 224))
print("torch", torch.__version__, "width", width, "macs", macs[0], "params", sum(p.numel() for p in net.parameters()))
