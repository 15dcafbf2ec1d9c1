"""Module constants used inside main(): the constants are what gets searched."""
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

C_VALUE = 0.5
MAX_ITER = 200
SOLVER = "lbfgs"


def main():
    features, labels = load_iris(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(features, labels, test_size=0.4, random_state=3)
    model = LogisticRegression(C=C_VALUE, max_iter=MAX_ITER, solver=SOLVER)
    model.fit(train_x, train_y)
    print(model)
    print("EXPERIMENTHUB accuracy=%.6f" % model.score(test_x, test_y))


if __name__ == "__main__":
    main()
