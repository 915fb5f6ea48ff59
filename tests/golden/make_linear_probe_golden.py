#!/usr/bin/python3
"""Golden accuracies for the linear probe (issue 12, item 4): scikit-learn's LogisticRegression, an independent
fit of the same objective, on the same features the C# test generates.

Regenerate (from the repository root) with Debian's python3-sklearn, not a virtualenv's python:

    /usr/bin/python3 tests/golden/make_linear_probe_golden.py

It writes tests/Ssl.Training.Tests/Golden/linear_probe.json. The features come from a SplitMix64 stream that
LinearProbeGoldenTests.cs reproduces bit for bit, so no feature matrix is checked in: uniform noise in [-1, 1) on
every dimension, plus +-signal on the first `informative` dimensions in a sign pattern per class. Each case has more
dimensions than training samples, as raw pixels do (3,072 dimensions, 5,000 images on the built-in data).

The objective is LinearProbe's: mean softmax cross-entropy + 0.5 * weight_decay * ||W||^2 on standardised features.
scikit-learn minimises 0.5 ||W||^2 + C * sum(cross-entropy), the same objective for C = 1 / (weight_decay * n).
"""
import json
import os

import numpy as np
from sklearn.linear_model import LogisticRegression

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Ssl.Training.Tests", "Golden")
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        """[-1, 1) with 24 bits, exactly representable in float32."""
        return (self.next() >> 40) / float(1 << 24) * 2.0 - 1.0


def features(seed, classes, dims, informative, signal, n_train, n_test):
    rng = SplitMix64(seed)
    pattern = np.array([[1.0 if rng.next() >> 63 else -1.0 for _ in range(informative)] for _ in range(classes)])
    n = n_train + n_test
    labels = np.arange(n) % classes
    x = np.array([[rng.uniform() for _ in range(dims)] for _ in range(n)], dtype=np.float64)
    x[:, :informative] += signal * pattern[labels]
    return x[:n_train], labels[:n_train], x[n_train:], labels[n_train:]


def case(name, seed, classes, dims, informative, signal, n_train, n_test, weight_decay):
    x, y, xt, yt = features(seed, classes, dims, informative, signal, n_train, n_test)
    mean, std = x.mean(0), x.std(0, ddof=1) + 1e-6  # as LinearProbe: torch's unbiased std
    x, xt = (x - mean) / std, (xt - mean) / std
    clf = LogisticRegression(C=1.0 / (weight_decay * n_train), max_iter=10_000, tol=1e-8).fit(x, y)
    return {"name": name, "seed": seed, "classes": classes, "dims": dims, "informative": informative,
            "signal": signal, "trainCount": n_train, "testCount": n_test, "weightDecay": weight_decay,
            "trainAccuracy": clf.score(x, y), "testAccuracy": clf.score(xt, yt)}


def main():
    import sklearn
    cases = [
        case("wider-than-the-training-set", 11, 4, 600, 24, 0.35, 400, 400, 1e-4),
        case("strongly-regularised", 12, 4, 600, 24, 0.35, 400, 400, 1e-1),
    ]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "linear_probe.json"), "w") as f:
        json.dump({"reference": "scikit-learn LogisticRegression (lbfgs, multinomial)", "sklearn": sklearn.__version__,
                   "cases": cases}, f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["name"], "train", c["trainAccuracy"], "test", c["testAccuracy"])


if __name__ == "__main__":
    main()
