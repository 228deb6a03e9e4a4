"""Trains a network exported by ./nas export --format pytorch on IDX images the way EdgeNAS's train evaluator does,
and prints the time per epoch and the held-out accuracy, for a side-by-side comparison with the Java engine.

Usage: python3 train_epoch.py NETWORK.py TRAIN_IMAGES TRAIN_LABELS TEST_IMAGES TEST_LABELS
                              [--epochs 2] [--batch 64] [--lr 0.05] [--threads 2] [--train-size N] [--out SCORE.json]

With --out it is also a trainer for the command evaluator: it writes {"accuracy": <held-out accuracy in %>} there.

Same recipe as the train evaluator: images scaled to [0, 1] and standardised with the training set's mean and
standard deviation, Kaiming-normal weights (fan in, ReLU gain) and zero biases, SGD with momentum 0.9 and weight decay
5e-4, cosine learning rate per step, a fresh shuffle per epoch, the last partial batch left out, batch norm in
training mode while training and with running statistics for the held-out images.
"""
import argparse
import gzip
import json
import importlib.util
import math
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    for a in ("network", "train_images", "train_labels", "test_images", "test_labels"):
        p.add_argument(a)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--train-size", type=int, default=0, help="train on the first N images (0: all)")
    p.add_argument("--out", help="write {\"accuracy\": ...} to this JSON file")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    spec = importlib.util.spec_from_file_location("network", args.network)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    net = module.Network()
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)

    x = torch.from_numpy(idx(args.train_images).astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(idx(args.train_labels).astype(np.int64))
    if args.train_size:
        x, y = x[:args.train_size], y[:args.train_size]
    xt = torch.from_numpy(idx(args.test_images).astype(np.float32) / 255).unsqueeze(1)
    yt = torch.from_numpy(idx(args.test_labels).astype(np.int64))
    mean, std = x.mean(), x.std(unbiased=False)
    x, xt = (x - mean) / std, (xt - mean) / std

    steps = len(x) // args.batch
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + math.cos(math.pi * s / (args.epochs * steps))))
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        net.train()
        order = torch.randperm(len(x))
        start = time.perf_counter()
        total = 0.0
        for s in range(steps):
            idx_b = order[s * args.batch:(s + 1) * args.batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx_b]), y[idx_b])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        seconds = time.perf_counter() - start
        print("epoch %d/%d: loss %.4f, %.1f s" % (epoch + 1, args.epochs, total / steps, seconds), flush=True)
    net.eval()
    with torch.no_grad():
        correct = sum(int((net(xt[i:i + 256]).argmax(1) == yt[i:i + 256]).sum()) for i in range(0, len(xt), 256))
    accuracy = 100.0 * correct / len(xt)
    print("torch %s, %d threads: held-out accuracy %.2f %% of %d images"
          % (torch.__version__, args.threads, accuracy, len(xt)))
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"accuracy": accuracy}, f)


if __name__ == "__main__":
    main()
