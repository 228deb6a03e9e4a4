"""Is the few-shot limit on the Jetsons the layerwise form's? Checks with forms made for NB201 cells alone.

Fits log latency as a linear function of the 30 indicators "edge e of the cell holds operation o" (plus an intercept)
on the Jetson NB201 latencies of ../shared/data, and scores it on the rows marked validation:

- first, how alike the boards' measured latencies rank the networks (Spearman over all rows);
- the data's ceiling: the same indicators and every product of two of them (ridge, all calibration rows), which
  shows how well the measurements can be ranked at all (their noise is no limit near 0.95);
- on all calibration rows (least squares), the cell form's ceiling;
- on N drawn calibration rows (seeds 1-5, medians), by ridge regression whose strength is chosen by leave-one-out
  cross-validation, shrunk towards zero ("none") or towards the same fit of another board's *measured* calibration
  rows (an optimistic prior: a profile's predictions are a smoothed copy of them), or towards the richest prior the
  data allow ("5 others"): a Gaussian prior over coefficient vectors whose mean and covariance are those of the cell
  fits of every other NB201 latency column (the other two Jetson columns and the Pi 5's three runtimes), as
  meta-learned latency predictors do with many devices;
- why the Nano FP16's layerwise profile ranks worse than its cell fit: a model over layer roles (operation x
  live / constant / dead, the adds, as the layerwise form sees them) fitted for relative error, once with 1x1 and 3x3
  convolutions priced apart and once priced alike with every live convolution's MACs at the datasheet peak (as the
  layerwise form must, so that growing a kernel never makes a network cheaper).

The cell forms are not physical (they know no MACs, so they cannot price a network outside NB201) and are no candidate
for a board profile; they only tell whether a more flexible model would reach issue 14's N = 20 targets.
Needs numpy and scipy. Run from the project root: python3 benchmarks/python/nb201_cell_fewshot.py [DATA_DIR]
"""

import csv
import itertools
import re
import sys

import numpy as np
from scipy.stats import spearmanr

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]
COLUMNS = {"TX2": "tx2_trt_b1_latency_ms", "Nano FP32": "nano_fp32_latency_ms", "Nano FP16": "nano_fp16_latency_ms"}
PI5 = {"Pi 5 ONNX": "onnx_latency_ms", "Pi 5 LiteRT": "litert_latency_ms", "Pi 5 PyTorch Mobile": "torchmobile_latency_ms"}
# datasheet peak MAC rates (energy/boards/datasheets/)
PEAK = {"TX2": 3.328e11, "Nano FP32": 1.1796e11, "Nano FP16": 2.3593e11}
CASES = [("TX2", "Nano FP32"), ("Nano FP32", "TX2"), ("Nano FP16", "TX2")]
LAMBDAS = (0.01, 0.1, 0.3, 1, 3, 10, 30, 100)
TAUS = (0.01, 0.1, 1, 10)
# MACs of one NB201 cell's 1x1 convolution, the same in every stage (H W C^2 = 32*32*16^2 = 16*16*32^2 = 8*8*64^2)
CELL_1X1_MACS = 32 * 32 * 16 * 16


def operations(arch):
    return [op for op, _ in re.findall(r"([a-z_0-9]+)~(\d)", arch)]


def indicators(arch):
    f = np.zeros(len(OPS) * 6 + 1)
    for i, op in enumerate(operations(arch)):
        f[i * len(OPS) + OPS.index(op)] = 1
    f[-1] = 1
    return f


def pairs(a):
    """The indicators and the products of every two of them on different edges."""
    cols = [a] + [(a[:, i] * a[:, j])[:, None] for i, j in itertools.combinations(range(30), 2)
                  if i // len(OPS) != j // len(OPS)]
    return np.hstack(cols)


def roles(arch):
    """Counts per cell of each operation as live ("use": fed by the input and read by the output), constant (not fed
    by the input) or dead (not read), of the extra inputs of the adds, and the live convolutions' MACs per cell."""
    ops = operations(arch)
    fed = [True, False, False, False]
    for k, (j, i) in enumerate(EDGES):
        fed[i] |= ops[k] != "none" and fed[j]
    read = [False, False, False, True]
    for k, (j, i) in reversed(list(enumerate(EDGES))):
        read[j] |= ops[k] != "none" and read[i]
    f, inputs, macs = {}, [0] * 4, 0
    for k, (j, i) in enumerate(EDGES):
        if ops[k] != "none":
            role = "use" if fed[j] and read[i] else "dead" if not read[i] else "const"
            f[ops[k] + "." + role] = f.get(ops[k] + "." + role, 0) + 1
            inputs[i] += 1
            if role != "dead" and "conv" in ops[k]:
                macs += CELL_1X1_MACS * (9 if "3x3" in ops[k] else 1)
    for i in (1, 2, 3):
        if inputs[i] >= 2:
            key = "add." + ("use" if fed[i] and read[i] else "other")
            f[key] = f.get(key, 0) + inputs[i] - 1
    return f, macs


def ridge(a, y, lam, w0):
    """min |a w - y|^2 + lam |w - w0|^2, the intercept unpenalised."""
    d = np.eye(a.shape[1])
    d[-1, -1] = 0
    return np.linalg.solve(a.T @ a + lam * d, a.T @ y + lam * d @ w0)


def loo(fit, a, y, grid):
    """The fit with the strengths in grid that predict y best left-one-out, refitted on every row."""
    def err(s):
        keep = lambda i: np.arange(len(y)) != i
        return sum((fit(a[keep(i)], y[keep(i)], *s)(a[i:i + 1])[0] - y[i]) ** 2 for i in range(len(y)))
    return fit(a, y, *min(grid, key=err))


def towards(w0):
    def fit(a, y, lam):
        w = ridge(a, y, lam, w0)
        return lambda q: q @ w
    return fit


def gaussian_prior(others):
    """Ridge with a prior of mean m and covariance spanned by the rows of V (the other columns' cell fits):
    w = m + V^T z + d, penalised tau |z|^2 + lam |d|^2, the intercept free."""
    v = np.array([w[:-1] for w in others])
    m = v.mean(0)
    v = v - m

    def fit(a, y, lam, tau):
        f = np.hstack([a[:, :-1] @ v.T, a[:, :-1], np.ones((len(a), 1))])
        p = np.diag(np.r_[np.full(len(v), tau), np.full(a.shape[1] - 1, lam), 0])
        t = np.linalg.solve(f.T @ f + p, f.T @ (y - a[:, :-1] @ m))
        return lambda q: q[:, :-1] @ m + np.hstack([q[:, :-1] @ v.T, q[:, :-1], np.ones((len(q), 1))]) @ t
    return fit


def score(pred_log, y_log):
    p, y = np.exp(pred_log), np.exp(y_log)
    return spearmanr(p, y).correlation, 100 * np.mean(np.abs(p - y) / y)


def relative_fit(x, y, cal, fixed=None):
    """Least squares of relative error on the calibration rows, plus a term of fixed coefficient 1 if given."""
    fixed = np.zeros(len(y)) if fixed is None else fixed
    w = np.linalg.lstsq(x[cal] / y[cal, None], (y[cal] - fixed[cal]) / y[cal], rcond=None)[0]
    return x @ w + fixed


def main(data):
    rows = list(csv.DictReader(open(data + "/nb201/jetson_latency.csv")))
    a = np.array([indicators(r["arch_str"]) for r in rows])
    cal = np.array([r["split"] == "calibration" for r in rows])
    val = ~cal
    y = {k: np.log(np.array([float(r[c]) for r in rows])) for k, c in COLUMNS.items()}
    names = list(COLUMNS)
    for i, p in enumerate(names):
        for q in names[i + 1:]:
            print("measured latencies, all %d rows: Spearman %s vs %s %.3f" % (len(rows), p, q,
                                                                          spearmanr(y[p], y[q]).correlation))
    q = pairs(a)
    for k in names:
        w = np.linalg.solve(q[cal].T @ q[cal] + np.eye(q.shape[1]), q[cal].T @ y[k][cal])
        print("the data's ceiling, %s: %d indicators and pairs, ridge 1, all calibration rows: %.3f / %.2f %%"
              % (k, q.shape[1], *score(q[val] @ w, y[k][val])))
    full = {k: np.linalg.lstsq(a[cal], v[cal], rcond=None)[0] for k, v in y.items()}
    pi5 = list(csv.DictReader(open(data + "/nb201/pi5_energy.csv")))
    pa = np.array([indicators(r["arch_str"]) for r in pi5])
    pcal = np.array([r["split"] == "calibration" for r in pi5])
    for k, c in PI5.items():
        t = np.array([float(r[c]) for r in pi5])
        ok = pcal & (t > 0.05 * np.median(t))  # leaves out the degenerate near-zero rows
        full[k] = np.linalg.lstsq(pa[ok], np.log(t[ok]), rcond=None)[0]

    print()
    print("| column | prior | all rows | N = 10 | N = 20 | N = 50 |")
    print("|---|---|---|---|---|---|")
    for target, prior in CASES:
        ceiling = "%.3f / %.2f %%" % score(a[val] @ full[target], y[target][val])
        others = [w for k, w in full.items() if k != target]
        fits = [("none", towards(np.zeros(a.shape[1])), [(lam,) for lam in LAMBDAS]),
                (prior, towards(np.append(full[prior][:-1], 0)), [(lam,) for lam in LAMBDAS]),
                ("%d others" % len(others), gaussian_prior(others), list(itertools.product(LAMBDAS[2:], TAUS)))]
        for name, fit, grid in fits:
            cells = []
            for n in (10, 20, 50):
                s = []
                for seed in range(1, 6):
                    drawn = np.random.default_rng(seed).choice(np.where(cal)[0], n, replace=False)
                    s.append(score(loo(fit, a[drawn], y[target][drawn], grid)(a[val]), y[target][val]))
                s = np.array(s)
                cells.append("%.3f / %.2f %%" % (np.median(s[:, 0]), np.median(s[:, 1])))
            print("| %s | %s | %s | %s |" % (target, name, ceiling, " | ".join(cells)))

    print()
    counted = [roles(r["arch_str"]) for r in rows]
    keys = sorted({k for f, _ in counted for k in f})
    x = np.array([[f.get(k, 0) for k in keys] + [1] for f, _ in counted], dtype=float)
    merged = x.copy()
    for role in ("use", "const", "dead"):
        merged[:, keys.index("nor_conv_3x3." + role)] += merged[:, keys.index("nor_conv_1x1." + role)]
    merged = np.delete(merged, [keys.index("nor_conv_1x1." + r) for r in ("use", "const", "dead")], axis=1)
    macs = np.array([15 * m for _, m in counted], dtype=float)
    for k in names:
        t = np.exp(y[k])
        apart = relative_fit(x, t, cal)
        alike = relative_fit(merged, t, cal, macs * 1e3 / PEAK[k])
        print("layer roles, %s, all calibration rows: 1x1 and 3x3 apart %.3f / %.2f %%, alike with MACs at peak "
              "%.3f / %.2f %%" % (k, *score(np.log(apart[val]), y[k][val]), *score(np.log(alike[val]), y[k][val])))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
