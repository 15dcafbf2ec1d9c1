# A CNN in nn.Sequential; SGD with momentum; epochs counted from 1.
import torch
from torch import nn, optim

NUM_EPOCHS = 20

net = nn.Sequential(
    nn.Conv2d(1, 32, 3),
    nn.ReLU(),
    nn.Conv2d(32, 64, kernel_size=5),
    nn.ReLU(),
    nn.Flatten(),
    nn.Dropout(0.5),
    nn.Linear(1024, 10),
)
opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
for epoch in range(1, NUM_EPOCHS + 1):
    train_one_epoch(net, opt)
