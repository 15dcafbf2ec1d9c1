# Text classification with an embedding and recurrent layers.
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Embedding, LSTM, GRU, Dense

VOCAB = 20000

model = Sequential(
    [
        Embedding(VOCAB, 128),
        LSTM(64, dropout=0.2, return_sequences=True),
        GRU(units=32, dropout=0.1),
        Dense(1, activation="sigmoid"),
    ]
)
model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=3, validation_data=(x_val, y_val))
