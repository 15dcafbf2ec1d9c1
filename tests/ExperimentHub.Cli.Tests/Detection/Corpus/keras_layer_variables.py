# Layers created first and added later; a layer class held in a variable; a width shared by two layers.
import tensorflow as tf

Dense = tf.keras.layers.Dense
UNITS = 96

hidden = Dense(UNITS, activation="relu")
second = Dense(UNITS, activation="relu")
dropout = tf.keras.layers.Dropout(0.4)
head = Dense(3, activation="softmax")

model = tf.keras.Sequential()
for layer in (hidden, dropout, second, head):
    model.add(layer)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy")
