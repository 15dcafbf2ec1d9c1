# A small CNN built with .add(), an SGD optimizer given positionally.
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 32, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, kernel_size=5, activation="elu"))
model.add(layers.Flatten())
model.add(layers.Dense(256, activation="relu"))
model.add(layers.Dropout(rate=0.5))
model.add(layers.Dense(10))

opt = keras.optimizers.SGD(0.01, 0.9)
model.compile(optimizer=opt, loss="categorical_crossentropy")
model.fit(x, y, 128, 20)
