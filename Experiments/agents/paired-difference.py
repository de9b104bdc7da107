#!/usr/bin/env python3
"""Seed-by-seed difference of two evaluations of the same seeds: mean of A − B with its 95 % interval.

    python3 Experiments/agents/paired-difference.py A.json B.json

A.json and B.json are per-episode files `loonsim evaluate --out DIR` writes (DIR/GROUP/AGENT.json)
for the same seeds. Prints the mean per-seed difference of TWR50 with a Student-t 95 % interval
(the paired test: both agents fly the same scenarios, so the scenario's difficulty cancels), and
on how many seeds A is better and worse.
"""
import math
import mmap
import re
import sys
from statistics import NormalDist

if len(sys.argv) != 3:
    sys.exit("usage: paired-difference.py A.json B.json")


# Each episode object holds "seed" then "time_within_radius" (loonsim writes keys sorted). A big
# suite's file is ~1.5 GB of flight paths, too much for json.load, so the pairs are read with a
# pattern over the mapped file.
EPISODE = re.compile(rb'"seed"\s*:\s*(\d+)\s*,\s*"time_within_radius"\s*:\s*([-+0-9.eE]+)')


def load(path):
    try:
        with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as text:
            pairs = {int(seed): float(value) for seed, value in EPISODE.findall(text)}
    except (OSError, ValueError) as error:
        sys.exit(f"paired-difference.py: {path}: {error}")
    if not pairs:
        sys.exit(f"paired-difference.py: {path}: no episodes (expected loonsim evaluate's per-episode JSON)")
    return pairs


a, b = load(sys.argv[1]), load(sys.argv[2])
if set(a) != set(b):
    sys.exit(f"paired-difference.py: the files hold different seeds ({len(a)} and {len(b)} episodes)")
differences = [a[seed] - b[seed] for seed in sorted(a)]
n = len(differences)
if n < 2:
    sys.exit("paired-difference.py: need at least two seeds")
mean = sum(differences) / n
deviation = math.sqrt(sum((d - mean) ** 2 for d in differences) / (n - 1))


def t_quantile(p, df):
    """Student-t quantile by bisection on its CDF (regularized incomplete beta via continued fraction)."""
    def betacf(a_, b_, x):
        qab, qap, qam = a_ + b_, a_ + 1, a_ - 1
        c, d = 1.0, 1 - qab * x / qap
        d = 1 / d
        h = d
        for m in range(1, 300):
            m2 = 2 * m
            aa = m * (b_ - m) * x / ((qam + m2) * (a_ + m2))
            d = 1 / (1 + aa * d); c = 1 + aa / c; h *= d * c
            aa = -(a_ + m) * (qab + m) * x / ((a_ + m2) * (qap + m2))
            d = 1 / (1 + aa * d); c = 1 + aa / c; h *= d * c
        return h

    def cdf(t):
        x = df / (df + t * t)
        front = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - math.lgamma(0.5)
                         + (df / 2) * math.log(x) + 0.5 * math.log(1 - x)) / (df / 2)
        tail = 0.5 * front * betacf(df / 2, 0.5, x)
        return 1 - tail if t > 0 else tail

    low, high = 0.0, NormalDist().inv_cdf(p) * 3 + 10
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if cdf(middle) < p else (low, middle)
    return (low + high) / 2


half = t_quantile(0.975, n - 1) * deviation / math.sqrt(n)
better = sum(d > 0 for d in differences)
worse = sum(d < 0 for d in differences)
print(f"{n} seeds: A − B = {mean:+.4f} ± {half:.4f} (95 %); A better on {better}, worse on {worse}, equal on {n - better - worse}")
