"""Everything inside functions: a builder with defaults, a nested helper, constants of the enclosing function."""
from tensorflow import keras


def main():
    epochs = 15
    batch_size = 256

    def build(width=200, drop=0.35):
        def block(model):
            model.add(keras.layers.Dense(width, activation="selu"))
            model.add(keras.layers.Dropout(drop))

        model = keras.Sequential()
        block(model)
        model.add(keras.layers.Dense(1))
        model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
        return model

    model = build()
    model.fit(x, y, epochs=epochs, batch_size=batch_size)


if __name__ == "__main__":
    main()
