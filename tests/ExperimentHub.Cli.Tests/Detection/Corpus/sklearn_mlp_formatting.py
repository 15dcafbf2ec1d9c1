"""An MLP written with odd formatting: a one-element tuple, continuation lines, exponent notation."""
import warnings

from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore", category=ConvergenceWarning)
X, y = load_digits(return_X_y=True); X = X / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=2)
model = MLPClassifier(hidden_layer_sizes = ( 32 , ),
                      alpha=1E-4, learning_rate_init=\
                          0.005,
                      activation='relu', max_iter=60, random_state=0)
model.fit(X_train, y_train)
print(model)
print("EXPERIMENTHUB accuracy=%.6f" % model.score(X_test, y_test))
