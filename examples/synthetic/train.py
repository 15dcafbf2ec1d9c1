#!/usr/bin/env python3
"""A synthetic training run: no dependencies, seconds to run, with a known best region.

The "model" is a noisy learning curve whose floor depends on the hyperparameters (best near lr=0.01,
momentum=0.9, 4 layers, optimizer adam). It reports metrics on standard output, one line per step, which
the agent forwards; a script needs no client library to take part in a sweep.

    python3 train.py --lr=0.01 --momentum=0.9 --layers=4 --optimizer=adam --epochs=30
"""

import argparse
import math
import random
import sys
import time
import zlib


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--optimizer", default="sgd", choices=["sgd", "adam", "rmsprop"])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seconds-per-epoch", type=float, default=0.0, help="sleep to mimic real work")
    parser.add_argument("--fail-above-lr", type=float, default=0.5, help="diverge (exit 1) when lr is this large")
    args = parser.parse_args()

    # The floor of the curve: a smooth bowl in log(lr), momentum and depth, plus an optimizer offset.
    floor = (
        0.05
        + 0.08 * (math.log10(args.lr) + 2.0) ** 2
        + 0.5 * (args.momentum - 0.9) ** 2
        + 0.01 * (args.layers - 4) ** 2
        + {"adam": 0.0, "rmsprop": 0.02, "sgd": 0.05}[args.optimizer]
    )
    speed = 0.15 + 2.0 * min(args.lr, 0.2)
    # Noise seeded by the parameters (not Python's per-process string hash), so a trial is reproducible.
    rng = random.Random(zlib.crc32(repr((args.lr, args.momentum, args.layers, args.optimizer)).encode()))

    if args.lr >= args.fail_above_lr:
        print("loss diverged: lr=%g is too large" % args.lr, file=sys.stderr)
        print("EXPERIMENTHUB step=1 val_loss=nan")
        sys.exit(1)

    val_loss = 1.0
    for epoch in range(1, args.epochs + 1):
        val_loss = floor + (1.5 - floor) * math.exp(-speed * epoch) + rng.gauss(0, 0.005)
        accuracy = max(0.0, min(1.0, 1.0 - val_loss / 1.6))
        print("EXPERIMENTHUB step=%d val_loss=%.6f accuracy=%.6f" % (epoch, val_loss, accuracy), flush=True)
        if args.seconds_per_epoch > 0:
            time.sleep(args.seconds_per_epoch)
    print("done: val_loss=%.4f" % val_loss)


if __name__ == "__main__":
    main()
