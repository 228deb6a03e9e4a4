"""Is the few-shot limit on the Jetsons the layerwise form's? A check with a form made for NB201 cells alone.

Fits log latency as a linear function of the 30 indicators "edge e of the cell holds operation o" (plus an intercept)
on the Jetson NB201 latencies of ../shared/data, and scores it on the rows marked validation:

- first, how alike the boards' measured latencies rank the networks (Spearman over all rows);
- on all calibration rows (least squares), the form's ceiling;
- on N drawn calibration rows (seeds 1-5, medians), by ridge regression whose strength is chosen by leave-one-out
  cross-validation, shrunk towards zero ("none") or towards the same fit of another board's *measured* calibration
  rows ("prior"; an optimistic prior: a profile's predictions are a smoothed copy of them).

The form is not physical (it knows no MACs, so it cannot price a network outside NB201) and is no candidate for a
board profile; it only tells whether a more flexible model would reach issue 14's N = 20 targets.
Needs numpy and scipy. Run from the project root: python3 benchmarks/python/nb201_cell_fewshot.py [DATA_DIR]
"""

import csv
import re
import sys

import numpy as np
from scipy.stats import spearmanr

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
COLUMNS = {"TX2": "tx2_trt_b1_latency_ms", "Nano FP32": "nano_fp32_latency_ms", "Nano FP16": "nano_fp16_latency_ms"}
CASES = [("TX2", "Nano FP32"), ("Nano FP32", "TX2"), ("Nano FP16", "TX2")]
LAMBDAS = (0.01, 0.1, 0.3, 1, 3, 10, 30, 100)


def indicators(arch):
    f = np.zeros(len(OPS) * 6 + 1)
    for i, (op, _) in enumerate(re.findall(r"([a-z_0-9]+)~(\d)", arch)):
        f[i * len(OPS) + OPS.index(op)] = 1
    f[-1] = 1
    return f


def ridge(a, y, lam, w0):
    """min |a w - y|^2 + lam |w - w0|^2, the intercept unpenalised."""
    d = np.eye(a.shape[1])
    d[-1, -1] = 0
    return np.linalg.solve(a.T @ a + lam * d, a.T @ y + lam * d @ w0)


def fit_cv(a, y, w0):
    best = None
    for lam in LAMBDAS:
        err = 0.0
        for i in range(len(y)):
            keep = np.arange(len(y)) != i
            err += (a[i] @ ridge(a[keep], y[keep], lam, w0) - y[i]) ** 2
        if best is None or err < best[0]:
            best = (err, lam)
    return ridge(a, y, best[1], w0)


def score(pred_log, y_log):
    p, y = np.exp(pred_log), np.exp(y_log)
    return spearmanr(p, y).correlation, 100 * np.mean(np.abs(p - y) / y)


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
    full = {k: np.linalg.lstsq(a[cal], v[cal], rcond=None)[0] for k, v in y.items()}
    print("| column | prior | all rows | N = 10 | N = 20 | N = 50 |")
    print("|---|---|---|---|---|---|")
    for target, prior in CASES:
        ceiling = "%.3f / %.2f %%" % score(a[val] @ full[target], y[target][val])
        for name, w0 in (("none", np.zeros(a.shape[1])), (prior, np.append(full[prior][:-1], 0))):
            cells = []
            for n in (10, 20, 50):
                s = []
                for seed in range(1, 6):
                    drawn = np.random.default_rng(seed).choice(np.where(cal)[0], n, replace=False)
                    w = fit_cv(a[drawn], y[target][drawn], w0)
                    s.append(score(a[val] @ w, y[target][val]))
                s = np.array(s)
                cells.append("%.3f / %.2f %%" % (np.median(s[:, 0]), np.median(s[:, 1])))
            print("| %s | %s | %s | %s |" % (target, name, ceiling, " | ".join(cells)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
