"""A LightningModule: widths as constructor defaults, the learning rate on self, epochs on the Trainer."""
import lightning as L
import torch
from torch import nn
from torch.utils.data import DataLoader

MAX_EPOCHS = 25


class LitClassifier(L.LightningModule):
    def __init__(self, hidden=64, dropout=0.1, lr=1e-3):
        super().__init__()
        self.lr = lr
        self.net = nn.Sequential(nn.Linear(32, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 4))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)


model = LitClassifier(dropout=0.3)
trainer = L.Trainer(max_epochs=MAX_EPOCHS, accelerator="cpu")
trainer.fit(model, DataLoader(train_set, batch_size=64, num_workers=2))
