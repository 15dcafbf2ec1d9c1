# Layers imported under other names, and tensorflow.keras imported as a module alias.
import tensorflow.keras as K
from tensorflow.keras.layers import Dense as FullyConnected, Dropout as Drop
from tensorflow.keras.optimizers import RMSprop as Optimizer

net = K.Sequential([
    FullyConnected(64, "tanh", input_shape=(20,)),
    Drop(0.1),
    FullyConnected(32, activation="tanh"),
    FullyConnected(1, activation="sigmoid"),
])
net.compile(Optimizer(learning_rate=0.001), "binary_crossentropy")
net.fit(features, labels, epochs=40)
