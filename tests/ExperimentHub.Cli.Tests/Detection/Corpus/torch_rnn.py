# A recurrent model with a renamed torch.nn, AdamW and a step schedule, inside a training function.
import torch
import torch.nn as tnn
from torch.optim.lr_scheduler import StepLR


class Tagger(tnn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.embed = tnn.Embedding(vocab, 100)
        self.rnn = tnn.LSTM(100, 128, 2, batch_first=True)
        self.out = tnn.Linear(128, 17)


def train(data):
    model = Tagger(len(data.vocab))
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.01)
    scheduler = StepLR(optimizer, step_size=10, gamma=0.5)
    for n_epoch in range(30):
        scheduler.step()
    return model
