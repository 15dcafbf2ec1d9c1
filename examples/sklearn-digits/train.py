#!/usr/bin/env python3
"""An SVM on scikit-learn's bundled digits data: accuracy and inference time, two objectives.

Needs scikit-learn (Debian: apt-get install python3-sklearn) and logs through the experimenthub client,
which it finds in clients/python of this repository when it is not installed.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))

import experimenthub as eh  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import cross_val_score, train_test_split  # noqa: E402
from sklearn.svm import SVC  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--gamma", type=float, default=0.001)
    parser.add_argument("--kernel", default="rbf", choices=["rbf", "poly", "linear"])
    parser.add_argument("--degree", type=int, default=3)
    args = parser.parse_args()

    run = eh.init(project="digits", params=vars(args))
    x, y = load_digits(return_X_y=True)
    x = x / 16.0
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=0)
    model = SVC(C=args.C, gamma=args.gamma, kernel=args.kernel, degree=args.degree)

    # Three folds give an intermediate curve that early stopping can act on.
    scores = cross_val_score(model, x_train, y_train, cv=3)
    for fold, score in enumerate(scores, start=1):
        eh.log({"cv_accuracy": float(score)}, step=fold)

    model.fit(x_train, y_train)
    start = time.perf_counter()
    for _ in range(5):
        accuracy = model.score(x_test, y_test)
    inference_ms = (time.perf_counter() - start) / 5 * 1000.0
    eh.log({"accuracy": accuracy, "inference_ms": inference_ms, "support_vectors": float(model.n_support_.sum())}, step=4)
    print("accuracy=%.4f inference_ms=%.2f" % (accuracy, inference_ms))
    run.finish(summary={"accuracy": accuracy, "inference_ms": inference_ms})


if __name__ == "__main__":
    main()
