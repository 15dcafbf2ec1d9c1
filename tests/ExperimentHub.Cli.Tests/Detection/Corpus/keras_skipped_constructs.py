# Constructs the detector cannot search: each is listed as skipped, none is rewritten.
import random
import tensorflow as tf

config = {"units": 64}
widths = [32, 16]
rate = 0.1
rate = 0.2

layers = tf.keras.layers
model = tf.keras.Sequential([
    layers.Dense(config["units"]),
    layers.Dense(widths[0] * 2, activation=random.choice(["relu", "tanh"])),
    layers.Dropout(rate),
    layers.Dense(None),
    layers.Dense(8, activation=None),
    layers.Dense(*widths),
    layers.Dense(1),
])
model.compile(optimizer="sgd", loss="mse")
model.fit(x, y, epochs=int("3"), batch_size="64")
