# -*- coding: utf-8 -*-
"""Odd but valid formatting: continuations, comments inside calls, semicolons, tabs, a negative number."""
import tensorflow as tf ; from tensorflow.keras import layers as lyr

model = tf.keras.Sequential([lyr.Dense(
	48,   # units, on their own line
	activation = 'relu'
),  lyr.LeakyReLU(negative_slope=+0.05), lyr.Dropout(
    rate=(
        0.15
    )
), lyr.Dense(2)])
model.compile(optimizer \
    = 'nadam', loss='mse'); model.fit(x, y, epochs=\
    8, batch_size=16)
shift = -1.5
