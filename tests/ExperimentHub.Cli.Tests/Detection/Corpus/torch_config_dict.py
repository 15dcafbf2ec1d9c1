"""Settings in a dict and from argparse: not literals, so listed as skipped; the literal ones are found."""
import argparse

import torch
from torch import nn

cfg = {"lr": 0.01, "hidden": 64}
parser = argparse.ArgumentParser()
parser.add_argument("--dropout", type=float, default=0.2)
args = parser.parse_args()

model = nn.Sequential(nn.Linear(10, cfg["hidden"]), nn.Dropout(args.dropout), nn.Linear(cfg["hidden"], 1))
optimizer = torch.optim.RMSprop(model.parameters(), lr=cfg["lr"])
loader = torch.utils.data.DataLoader(ds, batch_size=32)
