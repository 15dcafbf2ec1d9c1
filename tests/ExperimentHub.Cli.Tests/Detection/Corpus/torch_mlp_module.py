"""An MLP as an nn.Module: each width also sizes the next layer's input."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

EPOCHS = 10


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.drop = nn.Dropout(p=0.25)
        self.fc2 = nn.Linear(256, 64)
        self.fc3 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = self.drop(x)
        return self.fc3(F.relu(self.fc2(x)))


model = Net()
loader = DataLoader(train_set, batch_size=128, shuffle=True)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
for epoch in range(EPOCHS):
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        optimizer.step()
