# Classes imported by name and renamed; values as function defaults that no caller overrides.
from torch.nn import Linear, Dropout as Drop, Sequential, ReLU
from torch.optim import SGD
from torch.utils.data import DataLoader as Loader


def make_model(hidden=300, p=0.1):
    return Sequential(Linear(50, hidden), ReLU(), Drop(p), Linear(hidden, 2))


def fit(dataset, lr=0.05, epochs=12):
    model = make_model()
    optimizer = SGD(model.parameters(), lr, momentum=0.8)
    for epoch in range(epochs):
        for batch in Loader(dataset, 512):
            pass
    return model


fit(my_dataset, epochs=4)
