# Regression: polynomial features and ridge in a pipeline of named steps, scored by R^2.
from sklearn import linear_model, pipeline, preprocessing
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
steps = [
    ("poly", preprocessing.PolynomialFeatures(degree=2)),
    ("scale", preprocessing.StandardScaler()),
    ("ridge", linear_model.Ridge(alpha=10.0)),
]
model = pipeline.Pipeline(steps).fit(X_train, y_train)
print(model)
print("EXPERIMENTHUB r2=%.6f" % model.score(X_test, y_test))
