# Star imports: the names come from the module, not from an import of each.
from tensorflow.keras.layers import *
from tensorflow.keras.models import Sequential
from tensorflow.keras.optimizers import *

model = Sequential()
model.add(Conv1D(filters=16, kernel_size=3, activation="relu", input_shape=(100, 1)))
model.add(Flatten())
model.add(Dense(50, activation="relu"))
model.add(Dense(1))
model.compile(optimizer=Adagrad(learning_rate=0.05), loss="mse")
