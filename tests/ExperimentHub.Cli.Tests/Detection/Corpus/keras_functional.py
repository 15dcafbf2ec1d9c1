"""The functional API: layers called on tensors, a learning rate held in a constant."""
import keras
from keras import layers

LEARNING_RATE = 3e-4
BATCH = 32

inputs = keras.Input(shape=(784,))
x = layers.Dense(512, activation="gelu")(inputs)
x = layers.Dropout(0.3)(x)
x = layers.Dense(256, activation="gelu")(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")

model.compile(
    loss=keras.losses.SparseCategoricalCrossentropy(),
    optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    metrics=["accuracy"],
)
history = model.fit(x_train, y_train, batch_size=BATCH, epochs=12, validation_split=0.2)
