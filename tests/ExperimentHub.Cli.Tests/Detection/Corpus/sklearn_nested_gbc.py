"""A gradient-boosting model built in a nested function with a variable of the enclosing function."""
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier as GBC
from sklearn.model_selection import train_test_split


def experiment():
    rate = 0.2

    def build():
        return GBC(n_estimators=40, learning_rate=rate, max_depth=2, subsample=0.9, random_state=0)

    x, y = load_breast_cancer(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, random_state=0)
    model = build().fit(x_train, y_train)
    print(model)
    return model.score(x_test, y_test)


print("EXPERIMENTHUB accuracy=%.6f" % experiment())
